#pragma once
// The whole configuration file: [server], [storage], [auth], [log] and one [modules.NAME] table per module.
#include <string>

#include "auth/auth_service.hpp"
#include "core/json.hpp"
#include "core/logging.hpp"
#include "core/result.hpp"
#include "server/settings.hpp"

namespace precinct::server {

struct StorageSettings {
    std::string engine = "sqlite";
    std::string synchronous = "full";
    int busy_timeout_ms = 5000;
    int max_connections = 16;
};

struct PlatformConfig {
    Settings server;
    StorageSettings storage;
    auth::Settings auth;
    LogSettings log;
    Json modules = Json::object();
};

// Strict: an unknown section or key, or a bad value, is an error naming it.
Result<PlatformConfig> ParsePlatformConfig(const Json& root);

}  // namespace precinct::server
