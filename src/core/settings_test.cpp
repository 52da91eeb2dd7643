#include "core/settings.hpp"

#include <gtest/gtest.h>

namespace precinct {
namespace {

struct Sample {
    int threads = 2;
    std::string listen = "127.0.0.1:8080";
    bool demo = false;
    std::string mode = "normal";
    std::chrono::seconds timeout{30};
};

Status Read(const Json& section, Sample& s) {
    SettingsReader r(section, "server");
    r.Int("threads", s.threads, 1, 64)
        .String("listen", s.listen)
        .Bool("demo", s.demo)
        .OneOf("mode", s.mode, {"normal", "full"})
        .Seconds("timeout_s", s.timeout, 1, 600);
    return r.Finish();
}

TEST(Settings, AbsentSectionKeepsDefaults) {
    Sample s;
    ASSERT_TRUE(Read(Json(nullptr), s).has_value());
    EXPECT_EQ(s.threads, 2);
    EXPECT_EQ(s.listen, "127.0.0.1:8080");
}

TEST(Settings, ReadsGivenValues) {
    Sample s;
    auto ok = Read(Json{{"threads", 8}, {"mode", "full"}, {"timeout_s", 5}, {"demo", true}}, s);
    ASSERT_TRUE(ok.has_value()) << ok.error().message;
    EXPECT_EQ(s.threads, 8);
    EXPECT_EQ(s.mode, "full");
    EXPECT_EQ(s.timeout.count(), 5);
    EXPECT_TRUE(s.demo);
}

TEST(Settings, RejectsUnknownKeyByFullName) {
    Sample s;
    auto r = Read(Json{{"threads", 8}, {"listne", "x"}}, s);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().field, "server.listne");
    EXPECT_NE(r.error().message.find("unknown setting"), std::string::npos);
}

TEST(Settings, RejectsBadValuesByName) {
    struct Case {
        Json section;
        std::string field;
    };
    const std::vector<Case> cases = {
        {Json{{"threads", "four"}}, "server.threads"},
        {Json{{"threads", 0}}, "server.threads"},
        {Json{{"threads", 1000}}, "server.threads"},
        {Json{{"listen", 5}}, "server.listen"},
        {Json{{"demo", "yes"}}, "server.demo"},
        {Json{{"mode", "fast"}}, "server.mode"},
        {Json{{"timeout_s", 1.5}}, "server.timeout_s"},
    };
    for (const auto& c : cases) {
        Sample s;
        auto r = Read(c.section, s);
        ASSERT_FALSE(r.has_value()) << c.section.dump();
        EXPECT_EQ(r.error().field, c.field) << c.section.dump();
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    }
}

TEST(Settings, ReadsRoleListsAndRefusesUnknownRoles) {
    std::vector<Role> roles{Role::kClerk};
    const Json empty = Json::object();  // the reader keeps a reference: the section must outlive it
    SettingsReader keep(empty, "modules.x");
    keep.Roles("roles", roles);
    ASSERT_TRUE(keep.Finish());
    EXPECT_EQ(roles, std::vector<Role>{Role::kClerk});

    const Json given = {{"roles", {"dispatcher", "supervisor"}}};
    SettingsReader read(given, "modules.x");
    read.Roles("roles", roles);
    ASSERT_TRUE(read.Finish());
    EXPECT_EQ(roles, (std::vector<Role>{Role::kDispatcher, Role::kSupervisor}));

    for (const Json& bad : {Json{{"roles", {"dispatcher", "mayor"}}}, Json{{"roles", "dispatcher"}}}) {
        SettingsReader r(bad, "modules.x");
        r.Roles("roles", roles);
        auto st = r.Finish();
        ASSERT_FALSE(st);
        EXPECT_EQ(st.error().field, "modules.x.roles");
    }
    EXPECT_EQ(roles, (std::vector<Role>{Role::kDispatcher, Role::kSupervisor}));  // kept on refusal
}

TEST(Settings, RejectsNonTableSection) {
    Sample s;
    auto r = Read(Json(42), s);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().field, "server");
}

TEST(Settings, DoubleAcceptsIntegersAndRefusesOutOfRangeAndText) {
    double lat = 0;
    const Json integer{{"lat", 21}};
    SettingsReader ok(integer, "");
    ok.Double("lat", lat, -90, 90);
    ASSERT_TRUE(ok.Finish().has_value());
    EXPECT_DOUBLE_EQ(lat, 21.0);

    const Json far{{"lat", 91.5}};
    SettingsReader out_of_range(far, "location");
    out_of_range.Double("lat", lat, -90, 90);
    auto r = out_of_range.Finish();
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().field, "location.lat");

    const Json text{{"lat", "21.0"}};
    SettingsReader bad(text, "");
    bad.Double("lat", lat, -90, 90);
    EXPECT_FALSE(bad.Finish().has_value());
    EXPECT_DOUBLE_EQ(lat, 21.0);
}

}  // namespace
}  // namespace precinct
