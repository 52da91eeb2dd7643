#pragma once
// The composition root's shared pieces: opening the data directory and the platform services on it.
#include <filesystem>
#include <memory>

#include "auth/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "core/events.hpp"
#include "server/module.hpp"
#include "server/platform_config.hpp"
#include "storage/database.hpp"

namespace precinct::app {

// Adds every capability module to the registry. The whole platform, on one screen, in main.cpp.
void RegisterModules(ModuleRegistry& registry);

// Everything that lives in a data directory, opened and migrated.
struct Platform {
    std::unique_ptr<Clock> clock;
    std::unique_ptr<Bus> bus;
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<auth::AuditLog> audit;
    std::unique_ptr<auth::AuthService> auth;
};

Result<Platform> OpenPlatform(const std::filesystem::path& data_dir, const server::PlatformConfig& config);
// Reads the config file if given; otherwise every setting keeps its default.
Result<server::PlatformConfig> LoadConfig(const std::string& path);

}  // namespace precinct::app
