#include "server/platform_config.hpp"

#include "core/settings.hpp"

namespace precinct::server {

Result<PlatformConfig> ParsePlatformConfig(const Json& root) {
    PlatformConfig c;
    SettingsReader top(root, "");
    top.Known("server").Known("storage").Known("auth").Known("log").Known("modules");
    if (auto s = top.Finish(); !s) return Fail(s.error());
    static const Json kAbsent(nullptr);
    const auto section = [&](const char* name) -> const Json& {
        return root.is_object() && root.contains(name) ? root.at(name) : kAbsent;
    };

    auto server = ParseSettings(section("server"));
    if (!server) return Fail(server.error());
    c.server = std::move(*server);

    SettingsReader storage(section("storage"), "storage");
    storage.OneOf("engine", c.storage.engine, {"sqlite"})
        .OneOf("synchronous", c.storage.synchronous, {"full", "normal"})
        .Int("busy_timeout_ms", c.storage.busy_timeout_ms, 0, 600'000)
        .Int("max_connections", c.storage.max_connections, 1, 256);
    if (auto s = storage.Finish(); !s) return Fail(s.error());

    auto auth = auth::ParseSettings(section("auth"));
    if (!auth) return Fail(auth.error());
    c.auth = *auth;

    SettingsReader log(section("log"), "log");
    log.OneOf("level", c.log.level, {"trace", "debug", "info", "warn", "error", "off"})
        .OneOf("access", c.log.access, {"file", "stdout", "off"});
    if (auto s = log.Finish(); !s) return Fail(s.error());

    const Json& modules = section("modules");
    if (!modules.is_null() && !modules.is_object()) {
        return Fail(ErrorCode::kInvalidArgument, "modules: must be a table", "modules");
    }
    if (modules.is_object()) c.modules = modules;
    return c;
}

}  // namespace precinct::server
