#include "server/router.hpp"

#include <gtest/gtest.h>

namespace precinct::server {
namespace {

Handler Named(std::string name) {
    return [name](const Request&) { return Response::Text(200, name); };
}

class RouterTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.Get("/api/v1/incidents", Access::SignedIn(), Named("list"));
        router_.Post("/api/v1/incidents", Role::kCallTaker, Named("create"));
        router_.Get("/api/v1/incidents/{id}", Access::SignedIn(), Named("one"));
        router_.Post("/api/v1/incidents/{id}/assignments", Role::kDispatcher, Named("assign"));
        router_.Get("/api/v1/incidents/stats", Access::SignedIn(), Named("stats"));
        router_.Get("/healthz", Access::Public(), Named("health"));
    }
    std::string Body(const RouteMatch& m) {
        Request req;
        return m.route ? m.route->handler(req).body : "";
    }
    Router router_;
};

TEST_F(RouterTest, MatchesStaticAndParameterPaths) {
    struct Case {
        Method method;
        std::string path;
        std::string handler;
    };
    const std::vector<Case> cases = {
        {Method::kGet, "/api/v1/incidents", "list"},
        {Method::kPost, "/api/v1/incidents", "create"},
        {Method::kGet, "/api/v1/incidents/42", "one"},
        {Method::kPost, "/api/v1/incidents/42/assignments", "assign"},
        {Method::kGet, "/healthz", "health"},
        {Method::kHead, "/healthz", "health"},
    };
    for (const auto& c : cases) {
        auto m = router_.Match(c.method, c.path);
        ASSERT_NE(m.route, nullptr) << c.path;
        EXPECT_EQ(Body(m), c.handler) << c.path;
    }
}

TEST_F(RouterTest, ExtractsDecodedParameters) {
    auto m = router_.Match(Method::kPost, "/api/v1/incidents/H%C3%A0-7/assignments");
    ASSERT_NE(m.route, nullptr);
    ASSERT_EQ(m.params.size(), 1u);
    EXPECT_EQ(m.params[0].first, "id");
    EXPECT_EQ(m.params[0].second, "Hà-7");
}

TEST_F(RouterTest, FirstAddedRouteWinsOverLaterParameterRoute) {
    // "/stats" was added after "/{id}", so "{id}" takes it: order of registration is the precedence.
    auto m = router_.Match(Method::kGet, "/api/v1/incidents/stats");
    EXPECT_EQ(Body(m), "one");
}

TEST_F(RouterTest, UnknownPathHasNoRouteAndNoAllow) {
    auto m = router_.Match(Method::kGet, "/api/v1/nothing");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_TRUE(m.allow.empty());
}

TEST_F(RouterTest, WrongMethodListsAllowed) {
    auto m = router_.Match(Method::kDelete, "/api/v1/incidents");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allow, "GET, POST");
}

TEST_F(RouterTest, EmptyParameterDoesNotMatch) {
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/incidents/").route, nullptr);
}

TEST_F(RouterTest, BadPercentEncodingIsFlagged) {
    auto m = router_.Match(Method::kGet, "/api/v1/incidents/%zz");
    EXPECT_TRUE(m.bad_path);
}

TEST(Access, RolesAndSignedIn) {
    EXPECT_TRUE(Access::SignedIn().Allows(Role::kClerk));
    Access dispatch{Role::kDispatcher, Role::kSupervisor};
    EXPECT_TRUE(dispatch.Allows(Role::kSupervisor));
    EXPECT_FALSE(dispatch.Allows(Role::kCallTaker));
    EXPECT_TRUE(Access::Public().is_public);
}

}  // namespace
}  // namespace precinct::server
