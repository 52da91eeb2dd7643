#include <fmt/format.h>

#include <iostream>
#include <string>

#include "commands.hpp"
#include "core/crypto.hpp"
#include "platform.hpp"

namespace precinct::app {
namespace {

Result<Platform> Open(const AdminOptions& o) {
    auto config = LoadConfig(o.config);
    if (!config) return Fail(config.error());
    return OpenPlatform(o.data_dir, *config);
}

auth::Actor CliActor() { return auth::Actor{"admin-cli", "admin", "local", NewRequestId()}; }

int Report(const Error& e) {
    std::cerr << "precinct: " << e.message << "\n";
    return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict ? 2 : 3;
}

}  // namespace

int RunUserAdd(const AdminOptions& o) {
    auto role = ParseRole(o.role);
    if (!role) {
        std::cerr << "precinct: --role must be one of call_taker, dispatcher, supervisor, clerk, investigator, admin, "
                     "auditor\n";
        return 2;
    }
    if (auto s = auth::AuthService::ValidateUsername(o.username); !s) return Report(s.error());
    std::string password;
    if (!std::getline(std::cin, password)) {
        std::cerr << "precinct: no password on standard input\n";
        return 2;
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    auto platform = Open(o);
    if (!platform) return Report(platform.error());
    auth::NewUser nu{o.username, o.display_name.empty() ? o.username : o.display_name, password, *role};
    auto user = platform->auth->CreateUser(nu, CliActor());
    if (!user) return Report(user.error());
    std::cout << fmt::format("created user {} ({}) with id {}\n", user->username, RoleName(user->role), user->id);
    return 0;
}

int RunUserList(const AdminOptions& o) {
    auto platform = Open(o);
    if (!platform) return Report(platform.error());
    auto users = platform->auth->ListUsers();
    if (!users) return Report(users.error());
    for (const auto& u : *users) {
        std::cout << fmt::format("{:<6} {:<20} {:<13} {}{}\n", u.id, u.username, RoleName(u.role), u.display_name,
                                 u.disabled ? " (disabled)" : "");
    }
    return 0;
}

int RunAuditVerify(const AdminOptions& o) {
    auto platform = Open(o);
    if (!platform) return Report(platform.error());
    auto report = platform->audit->Verify();
    if (!report) return Report(report.error());
    if (report->ok) {
        std::cout << fmt::format("audit log intact: {} entries, head {} {}\n", report->entries, report->head_seq,
                                 report->head_hash);
        return 0;
    }
    std::cout << fmt::format("AUDIT LOG BROKEN at entry {}: {} ({} entries verified before it)\n",
                             *report->first_bad_seq, report->problem, report->entries);
    return 1;
}

int RunAuditExport(const AdminOptions& o) {
    auto platform = Open(o);
    if (!platform) return Report(platform.error());
    auto status = platform->audit->Export([](const auth::AuditRecord& r) {
        std::cout << auth::AuditRecordJson(r).dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    });
    if (!status) return Report(status.error());
    return 0;
}

}  // namespace precinct::app
