#pragma once
// The platform's own routes: health, readiness, metrics, sign-in, users, system info, audit log, live events,
// public information.
#include <functional>
#include <string>
#include <vector>

#include "auth/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "server/topics.hpp"

namespace precinct::server {

struct PlatformInfo {
    std::string version;
    std::string started_at;
    std::string database;
    std::vector<std::pair<std::string, bool>> modules;   // name, enabled
};

struct PlatformServices {
    auth::AuthService& auth;
    auth::AuditLog& audit;
    Metrics& metrics;
    TopicRegistry& topics;
    std::function<bool()> ready;
    PlatformInfo info;
};

inline constexpr std::string_view kSystemTopic = "system";

// Declares the platform topics and adds the routes. `services` must outlive the router.
void AddPlatformRoutes(Router& router, PlatformServices& services);

}  // namespace precinct::server
