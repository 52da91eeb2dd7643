#include "server/http.hpp"

#include <gtest/gtest.h>

namespace precinct::server {
namespace {

TEST(Http, QueryParamsAreDecoded) {
    Request req;
    req.query = "topics=system%2Caudit&limit=5&q=H%C3%A0+N%E1%BB%99i&flag";
    EXPECT_EQ(req.QueryParam("topics"), "system,audit");
    EXPECT_EQ(req.QueryParam("limit"), "5");
    EXPECT_EQ(req.QueryParam("q"), "Hà Nội");
    EXPECT_EQ(req.QueryParam("flag"), "");
    EXPECT_FALSE(req.QueryParam("missing").has_value());
}

TEST(Http, HeadersAreCaseInsensitive) {
    Request req;
    req.headers = {{"x-purpose", "investigation"}};
    EXPECT_EQ(req.Header("X-Purpose"), "investigation");
    EXPECT_EQ(req.Header("x-other"), "");
}

TEST(Http, PercentDecodeRejectsTruncatedEscapes) {
    EXPECT_FALSE(PercentDecode("%", false).has_value());
    EXPECT_FALSE(PercentDecode("%4", false).has_value());
    EXPECT_FALSE(PercentDecode("a%g0", false).has_value());
    EXPECT_EQ(PercentDecode("a%20b+c", false), "a b+c");
    EXPECT_EQ(PercentDecode("a%20b+c", true), "a b c");
}

TEST(Problem, MapsEveryCodeAndNamesField) {
    Request req;
    req.path = "/api/v1/users";
    req.request_id = "rid-1";
    struct Case {
        ErrorCode code;
        int status;
        std::string type;
    };
    const std::vector<Case> cases = {
        {ErrorCode::kInvalidArgument, 400, "/problems/invalid-argument"},
        {ErrorCode::kUnauthenticated, 401, "/problems/unauthenticated"},
        {ErrorCode::kForbidden, 403, "/problems/forbidden"},
        {ErrorCode::kNotFound, 404, "/problems/not-found"},
        {ErrorCode::kConflict, 409, "/problems/conflict"},
        {ErrorCode::kTooLarge, 413, "/problems/too-large"},
        {ErrorCode::kRateLimited, 429, "/problems/rate-limited"},
        {ErrorCode::kInternal, 500, "/problems/internal"},
        {ErrorCode::kUnavailable, 503, "/problems/unavailable"},
    };
    for (const auto& c : cases) {
        auto res = Problem(Error{c.code, "secret detail", "username", 7}, req);
        EXPECT_EQ(res.status, c.status);
        EXPECT_EQ(res.content_type, "application/problem+json");
        auto body = Json::parse(res.body);
        EXPECT_EQ(body["type"], c.type);
        EXPECT_EQ(body["status"], c.status);
        EXPECT_EQ(body["instance"], "/api/v1/users");
        EXPECT_EQ(body["request_id"], "rid-1");
        if (c.code == ErrorCode::kInternal) {
            EXPECT_EQ(body["detail"].get<std::string>().find("secret"), std::string::npos);
            EXPECT_FALSE(body.contains("field"));
        } else {
            EXPECT_EQ(body["detail"], "secret detail");
            EXPECT_EQ(body["field"], "username");
        }
    }
}

TEST(Problem, RateLimitedCarriesRetryAfter) {
    Request req;
    auto res = Problem(Error{ErrorCode::kRateLimited, "wait", "", 12}, req);
    ASSERT_EQ(res.headers.size(), 1u);
    EXPECT_EQ(res.headers[0].first, "Retry-After");
    EXPECT_EQ(res.headers[0].second, "12");
}

}  // namespace
}  // namespace precinct::server
