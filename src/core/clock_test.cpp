#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace precinct {
namespace {

TEST(Clock, FormatsUtcWithMillis) {
    EXPECT_EQ(FormatTime(FromUnixMillis(0)), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatTime(FromUnixMillis(1795000000123)), "2026-11-18T11:06:40.123Z");
}

TEST(Clock, ParsesWhatItFormats) {
    const auto t = FromUnixMillis(1795000000123);
    auto parsed = ParseTime(FormatTime(t));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(ToUnixMillis(*parsed), 1795000000123);
}

TEST(Clock, ParsesOffsets) {
    auto hanoi = ParseTime("2026-11-18T18:06:40+07:00");
    ASSERT_TRUE(hanoi.has_value());
    EXPECT_EQ(ToUnixMillis(*hanoi), 1795000000000);
}

TEST(Clock, RejectsMalformedTimes) {
    for (const char* bad : {"", "2026-11-18", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                            "2026-11-18T00:00:00", "2026-11-18T00:00:00.Z", "2026-11-18T00:00:00Zjunk",
                            "2026-11-18T24:00:00Z", "2026-11-18T10:00:00+7:00"}) {
        EXPECT_FALSE(ParseTime(bad).has_value()) << bad;
    }
}

TEST(Clock, FakeClockMovesOnlyWhenTold) {
    FakeClock clock(FromUnixMillis(1000));
    EXPECT_EQ(ToUnixMillis(clock.Now()), 1000);
    clock.Advance(std::chrono::milliseconds(250));
    EXPECT_EQ(ToUnixMillis(clock.Now()), 1250);
}

}  // namespace
}  // namespace precinct
