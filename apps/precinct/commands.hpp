#pragma once
#include <string>

namespace precinct::app {

struct ServeOptions {
    std::string data_dir;
    std::string listen;
    std::string config;
    bool demo = false;
};

struct AdminOptions {
    std::string data_dir;
    std::string config;
    std::string username;
    std::string role;
    std::string display_name;
};

// Each returns the process exit code: 0 success, 1 a check failed, 2 bad input or configuration, 3 failure.
int RunServe(const ServeOptions& options);
int RunUserAdd(const AdminOptions& options);
int RunUserList(const AdminOptions& options);
int RunAuditVerify(const AdminOptions& options);
int RunAuditExport(const AdminOptions& options);

}  // namespace precinct::app
