#pragma once
// Who made a request, in the form the audit log and the services take.
#include <string>

#include "auth/auth_service.hpp"
#include "server/http.hpp"

namespace precinct::server {

inline auth::Actor ActorOf(const Request& req) {
    auth::Actor a;
    a.username = req.principal ? req.principal->username : "anonymous";
    a.role = req.principal ? std::string(RoleName(req.principal->role)) : "";
    a.source_ip = req.remote_ip;
    a.request_id = req.request_id;
    return a;
}

}  // namespace precinct::server
