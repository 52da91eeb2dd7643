#include "server/platform_config.hpp"

#include <gtest/gtest.h>

#include "core/config.hpp"

namespace precinct::server {
namespace {

Result<PlatformConfig> FromToml(const std::string& text) {
    auto json = ParseToml(text);
    if (!json) return Fail(json.error());
    return ParsePlatformConfig(*json);
}

TEST(PlatformConfig, EmptyFileGivesWorkingDefaults) {
    auto c = FromToml("");
    ASSERT_TRUE(c.has_value()) << c.error().message;
    EXPECT_EQ(c->server.listen, "127.0.0.1:8080");
    EXPECT_EQ(c->storage.synchronous, "full");
    EXPECT_EQ(c->auth.token_ttl.count(), 480);
}

TEST(PlatformConfig, ReadsEverySection) {
    auto c = FromToml(R"(
[server]
listen = "0.0.0.0:9090"
threads = 4
body_limit_bytes = 2097152
[storage]
synchronous = "normal"
[auth]
token_ttl_minutes = 60
[log]
level = "warn"
access = "off"
[modules.dispatch]
escalate_after_s = 60
)");
    ASSERT_TRUE(c.has_value()) << c.error().message;
    EXPECT_EQ(c->server.threads, 4);
    EXPECT_EQ(c->server.body_limit_bytes, 2097152u);
    EXPECT_EQ(c->storage.synchronous, "normal");
    EXPECT_EQ(c->log.access, "off");
    EXPECT_EQ(c->modules["dispatch"]["escalate_after_s"], 60);
}

TEST(PlatformConfig, NamesTheBadKey) {
    struct Case {
        std::string toml;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"[serve]\nlisten = \"x\"\n", "serve"},
        {"[server]\nlisten = \"nohostport\"\n", "server.listen"},
        {"[server]\nlisten = \"127.0.0.1:99999\"\n", "server.listen"},
        {"[server]\nthreads = -1\n", "server.threads"},
        {"[server]\ntreads = 2\n", "server.treads"},
        {"[storage]\nsynchronous = \"off\"\n", "storage.synchronous"},
        {"[storage]\nengine = \"oracle\"\n", "storage.engine"},
        {"[auth]\ntoken_ttl_minutes = \"long\"\n", "auth.token_ttl_minutes"},
        {"[log]\nlevel = \"loud\"\n", "log.level"},
        {"modules = 5\n", "modules"},
    };
    for (const auto& c : cases) {
        auto r = FromToml(c.toml);
        ASSERT_FALSE(r.has_value()) << c.toml;
        EXPECT_EQ(r.error().field, c.field) << c.toml << " -> " << r.error().message;
        EXPECT_NE(r.error().message.find(c.field), std::string::npos) << r.error().message;
    }
}

}  // namespace
}  // namespace precinct::server
