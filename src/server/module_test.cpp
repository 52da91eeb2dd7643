#include "server/module.hpp"

#include <gtest/gtest.h>

#include "auth/audit_log.hpp"
#include "core/settings.hpp"
#include "storage/test_support.hpp"

namespace precinct {
namespace {

struct EchoSettings {
    bool enabled = true;
    std::string greeting = "xin chào";
};

Result<EchoSettings> ParseEcho(const Json& section) {
    EchoSettings s;
    SettingsReader r(section, "");
    r.Bool("enabled", s.enabled).String("greeting", s.greeting, 100);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    return s;
}

class EchoModule final : public Module {
public:
    explicit EchoModule(int* started) : started_(started) {}
    Status Start() override {
        ++*started_;
        return Ok();
    }

private:
    int* started_;
};

int g_started = 0;

Result<std::unique_ptr<Module>> MakeEcho(const EchoSettings& s, ModuleContext& ctx) {
    if (!s.enabled) return std::unique_ptr<Module>();
    const std::string greeting = s.greeting;
    ctx.router.Get("/api/v1/echo", server::Access::Public(),
                   [greeting](const server::Request&) { return server::Response::Text(200, greeting); });
    return std::unique_ptr<Module>(std::make_unique<EchoModule>(&g_started));
}

class RegistryTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::move(*storage::OpenSqlite({.path = dir_.path() / "m.db"}));
        bus_ = CreateInMemoryBus(clock_);
        audit_ = std::make_unique<auth::AuditLog>(*db_, clock_, bus_.get());
        registry_.Add("echo", &ParseEcho, &MakeEcho);
        g_started = 0;
    }
    ModuleContext Context() { return ModuleContext{*db_, *bus_, clock_, *audit_, router_, metrics_, topics_}; }

    testing::TempDir dir_;
    FakeClock clock_{FromUnixMillis(0)};
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<Bus> bus_;
    std::unique_ptr<auth::AuditLog> audit_;
    server::Router router_;
    server::Metrics metrics_;
    server::TopicRegistry topics_;
    ModuleRegistry registry_;
};

TEST_F(RegistryTest, BuildsAndStartsModulesWithTheirSettings) {
    auto ctx = Context();
    ASSERT_TRUE(registry_.CreateAll(Json{{"echo", {{"greeting", "hello"}}}}, ctx).has_value());
    ASSERT_TRUE(registry_.StartAll().has_value());
    EXPECT_EQ(g_started, 1);
    auto m = router_.Match(server::Method::kGet, "/api/v1/echo");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->handler(server::Request{}).body, "hello");
    EXPECT_EQ(registry_.Describe().front(), (std::pair<std::string, bool>{"echo", true}));
}

TEST_F(RegistryTest, DisabledModuleAddsNothing) {
    auto ctx = Context();
    ASSERT_TRUE(registry_.CreateAll(Json{{"echo", {{"enabled", false}}}}, ctx).has_value());
    EXPECT_TRUE(router_.routes().empty());
    EXPECT_FALSE(registry_.Describe().front().second);
}

TEST_F(RegistryTest, UnknownModuleAndBadKeyAreNamed) {
    auto ctx = Context();
    auto unknown = registry_.CreateAll(Json{{"echoo", Json::object()}}, ctx);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().field, "modules.echoo");
    auto bad = registry_.CreateAll(Json{{"echo", {{"greting", "x"}}}}, ctx);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().field, "modules.echo.greting");
}

}  // namespace
}  // namespace precinct
