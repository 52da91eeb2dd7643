#include "platform.hpp"

#include <fmt/format.h>

#include "core/config.hpp"

namespace precinct::app {

Result<server::PlatformConfig> LoadConfig(const std::string& path) {
    Json root = Json::object();
    if (!path.empty()) {
        auto loaded = LoadTomlFile(path);
        if (!loaded) return Fail(loaded.error());
        root = std::move(*loaded);
    }
    return server::ParsePlatformConfig(root);
}

Result<Platform> OpenPlatform(const std::filesystem::path& data_dir, const server::PlatformConfig& config) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) return Fail(ErrorCode::kUnavailable, fmt::format("cannot create data directory {}: {}", data_dir.string(), ec.message()));
    Platform p;
    p.clock = CreateSystemClock();
    p.bus = CreateInMemoryBus(*p.clock);
    storage::SqliteSettings sqlite;
    sqlite.path = data_dir / "precinct.db";
    sqlite.synchronous = config.storage.synchronous;
    sqlite.busy_timeout_ms = config.storage.busy_timeout_ms;
    sqlite.max_connections = config.storage.max_connections;
    auto db = storage::OpenSqlite(sqlite);
    if (!db) return Fail(db.error());
    p.db = std::move(*db);
    p.audit = std::make_unique<auth::AuditLog>(*p.db, *p.clock, p.bus.get());
    if (auto s = p.audit->Migrate(); !s) return Fail(s.error());
    p.auth = std::make_unique<auth::AuthService>(*p.db, *p.audit, *p.clock, config.auth);
    if (auto s = p.auth->Migrate(); !s) return Fail(s.error());
    return p;
}

}  // namespace precinct::app
