#include "core/config.hpp"

#include <gtest/gtest.h>

namespace precinct {
namespace {

TEST(Config, ReadsTablesAndValues) {
    auto json = ParseToml(R"(
[server]
listen = "127.0.0.1:9000"
threads = 4
[storage]
synchronous = "full"
ratio = 0.5
enabled = true
)");
    ASSERT_TRUE(json.has_value()) << json.error().message;
    EXPECT_EQ((*json)["server"]["listen"], "127.0.0.1:9000");
    EXPECT_EQ((*json)["server"]["threads"], 4);
    EXPECT_EQ((*json)["storage"]["ratio"], 0.5);
    EXPECT_EQ((*json)["storage"]["enabled"], true);
}

TEST(Config, SyntaxErrorNamesLine) {
    auto json = ParseToml("[server]\nthreads = = 4\n", "precinct.toml");
    ASSERT_FALSE(json.has_value());
    EXPECT_EQ(json.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(json.error().message.find("precinct.toml:2"), std::string::npos) << json.error().message;
}

TEST(Config, RefusesOversizedInput) {
    std::string big(kMaxConfigBytes + 1, '#');
    auto json = ParseToml(big);
    ASSERT_FALSE(json.has_value());
    EXPECT_EQ(json.error().code, ErrorCode::kTooLarge);
}

TEST(Config, MissingFileIsNotFound) {
    auto json = LoadTomlFile("/nonexistent/precinct.toml");
    ASSERT_FALSE(json.has_value());
    EXPECT_EQ(json.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace precinct
