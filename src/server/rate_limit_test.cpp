#include "server/rate_limit.hpp"

#include <gtest/gtest.h>

namespace precinct::server {
namespace {

TEST(RateLimiter, BurstThenSteadyRateThenWaitAdvice) {
    FakeClock clock(FromUnixMillis(0));
    RateLimiter limiter(RateLimit{3, 0.5, 100}, clock);
    EXPECT_EQ(limiter.Take("a"), 0);
    EXPECT_EQ(limiter.Take("a"), 0);
    EXPECT_EQ(limiter.Take("a"), 0);
    EXPECT_EQ(limiter.Take("a"), 2);  // one token takes 2 s at 0.5/s
    EXPECT_EQ(limiter.Take("b"), 0);  // other clients are not affected
    clock.Advance(std::chrono::milliseconds(2000));
    EXPECT_EQ(limiter.Take("a"), 0);
    EXPECT_EQ(limiter.Take("a"), 2);
    clock.Advance(std::chrono::hours(1));  // refills only up to the burst
    for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a"), 0);
    EXPECT_GT(limiter.Take("a"), 0);
}

TEST(RateLimiter, MemoryIsBoundedByForgettingTheLeastRecentlyUsed) {
    FakeClock clock(FromUnixMillis(0));
    RateLimiter limiter(RateLimit{1, 0.001, 3}, clock);
    EXPECT_EQ(limiter.Take("a"), 0);
    EXPECT_EQ(limiter.Take("b"), 0);
    EXPECT_EQ(limiter.Take("c"), 0);
    EXPECT_GT(limiter.Take("a"), 0);  // a is now the most recent
    EXPECT_EQ(limiter.Take("d"), 0);  // b is forgotten
    EXPECT_EQ(limiter.size(), 3u);
    EXPECT_EQ(limiter.Take("b"), 0);  // b starts afresh
    EXPECT_GT(limiter.Take("a"), 0);  // a was kept
}

}  // namespace
}  // namespace precinct::server
