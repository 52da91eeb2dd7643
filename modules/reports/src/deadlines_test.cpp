// Tests for due dates: working days across weekends, holidays and the year end, late-evening submissions and the
// UTC+7 date line, the holiday data file and the due-state classes.
#include "deadlines.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include "core/config.hpp"

namespace precinct::reports {
namespace {

using namespace std::chrono_literals;
using std::chrono::year_month_day;

// The data shipped in the source tree: data/reports/ (the build defines PRECINCT_SOURCE_DATA_DIR as data/).
#ifdef PRECINCT_SOURCE_DATA_DIR
const std::filesystem::path kDataDir = std::filesystem::path(PRECINCT_SOURCE_DATA_DIR) / "reports";
#else
const std::filesystem::path kDataDir = std::filesystem::path(__FILE__).parent_path() / "../../../data/reports";
#endif

TimePoint At(const char* rfc3339) {
    auto t = ParseTime(rfc3339);
    EXPECT_TRUE(t.has_value()) << rfc3339;
    return t.value_or(TimePoint{});
}

year_month_day Date(int y, unsigned m, unsigned d) {
    return year_month_day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

CalendarDay Day(year_month_day date, bool confirmed = true) { return CalendarDay{date, "Nghỉ", "Off", confirmed, ""}; }

DeadlineRule Rule(int amount, DeadlineUnit unit) {
    DeadlineRule rule;
    rule.amount = amount;
    rule.unit = unit;
    rule.confirmed = true;
    return rule;
}

// The real calendar, loaded once.
const HolidayCalendar& Vietnam() {
    static const HolidayCalendar calendar = [] {
        auto loaded = LoadHolidaysFile(kDataDir / "holidays.toml");
        EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
        return loaded.value_or(HolidayCalendar{});
    }();
    return calendar;
}

// ---- working days ----

TEST(DueAtWorkingDays, FridayEveningPlusThreeIsWednesdayFivePm) {
    const HolidayCalendar none;
    const auto due = DueAt(At("2026-03-06T20:00:00+07:00"), Rule(3, DeadlineUnit::kWorkingDays), none);
    EXPECT_EQ(due, At("2026-03-11T17:00:00+07:00")) << FormatTime(due);
}

TEST(DueAtWorkingDays, TheDayOfReceiptNeverCounts) {
    const HolidayCalendar none;
    // Monday morning: Tuesday, Wednesday, Thursday.
    EXPECT_EQ(DueAt(At("2026-03-09T08:00:00+07:00"), Rule(3, DeadlineUnit::kWorkingDays), none),
              At("2026-03-12T17:00:00+07:00"));
    // Saturday and Sunday: Monday is the first day.
    EXPECT_EQ(DueAt(At("2026-03-07T10:00:00+07:00"), Rule(1, DeadlineUnit::kWorkingDays), none),
              At("2026-03-09T17:00:00+07:00"));
    EXPECT_EQ(DueAt(At("2026-03-08T23:00:00+07:00"), Rule(5, DeadlineUnit::kWorkingDays), none),
              At("2026-03-13T17:00:00+07:00"));
    // Seven working days span a weekend.
    EXPECT_EQ(DueAt(At("2026-03-11T09:00:00+07:00"), Rule(7, DeadlineUnit::kWorkingDays), none),
              At("2026-03-20T17:00:00+07:00"));
}

TEST(DueAtWorkingDays, HolidaysMoveTheDueDateFurther) {
    // Fri 24 Apr 2026 + 3: Mon 27 (Hùng Kings, compensatory) is off, Tue 28, Wed 29, then 30 Apr and 1 May are off,
    // so the third day is Mon 4 May.
    EXPECT_EQ(DueAt(At("2026-04-24T20:00:00+07:00"), Rule(3, DeadlineUnit::kWorkingDays), Vietnam()),
              At("2026-05-04T17:00:00+07:00"));
    // The same without holidays would be Wednesday.
    EXPECT_EQ(DueAt(At("2026-04-24T20:00:00+07:00"), Rule(3, DeadlineUnit::kWorkingDays), HolidayCalendar{}),
              At("2026-04-29T17:00:00+07:00"));
    // Tết 2026: Friday 13 Feb + 1 working day is Monday 23 Feb.
    EXPECT_EQ(DueAt(At("2026-02-13T16:00:00+07:00"), Rule(1, DeadlineUnit::kWorkingDays), Vietnam()),
              At("2026-02-23T17:00:00+07:00"));
    // National Day 2026: Mon 31 Aug + 2 -> Tue 1 and Wed 2 Sep are off -> Thu 3, Fri 4.
    EXPECT_EQ(DueAt(At("2026-08-31T10:00:00+07:00"), Rule(2, DeadlineUnit::kWorkingDays), Vietnam()),
              At("2026-09-04T17:00:00+07:00"));
}

TEST(DueAtWorkingDays, AcrossTheYearEnd) {
    // Wed 31 Dec 2025 + 2: 1 Jan is off, Fri 2 Jan, Mon 5 Jan.
    const auto calendar = HolidayCalendar::Create({Day(Date(2026, 1, 1))});
    ASSERT_TRUE(calendar.has_value());
    EXPECT_EQ(DueAt(At("2025-12-31T10:00:00+07:00"), Rule(2, DeadlineUnit::kWorkingDays), *calendar),
              At("2026-01-05T17:00:00+07:00"));
    // 30 Dec 2026 (Wed) + 3 with the real calendar: Thu 31, [Fri 1 Jan off], Mon 4, Tue 5.
    EXPECT_EQ(DueAt(At("2026-12-30T18:00:00+07:00"), Rule(3, DeadlineUnit::kWorkingDays), Vietnam()),
              At("2027-01-05T17:00:00+07:00"));
}

TEST(DueAtWorkingDays, LocalDateDecidesNotUtcDate) {
    const HolidayCalendar none;
    // Thursday 23:30 local (16:30 UTC Thursday): the first day is Friday.
    EXPECT_EQ(DueAt(At("2026-03-05T16:30:00Z"), Rule(1, DeadlineUnit::kWorkingDays), none),
              At("2026-03-06T17:00:00+07:00"));
    // Friday 00:30 local is still Thursday in UTC (17:30Z): the first day is Monday.
    EXPECT_EQ(DueAt(At("2026-03-05T17:30:00Z"), Rule(1, DeadlineUnit::kWorkingDays), none),
              At("2026-03-09T17:00:00+07:00"));
    // One second either side of local midnight.
    EXPECT_EQ(DueAt(At("2026-03-05T16:59:59Z"), Rule(1, DeadlineUnit::kWorkingDays), none), At("2026-03-06T10:00:00Z"));
    EXPECT_EQ(DueAt(At("2026-03-05T17:00:00Z"), Rule(1, DeadlineUnit::kWorkingDays), none), At("2026-03-09T10:00:00Z"));
    // A time given with another offset is the same instant.
    EXPECT_EQ(DueAt(At("2026-03-05T12:30:00-05:00"), Rule(1, DeadlineUnit::kWorkingDays), none),
              At("2026-03-09T17:00:00+07:00"));
}

TEST(DueAtWorkingDays, MakeUpSaturdayCounts) {
    // A bridge holiday on Friday 8 May 2026 worked back on Saturday 16 May (a made-up example).
    const auto calendar = HolidayCalendar::Create({Day(Date(2026, 5, 8))}, {Day(Date(2026, 5, 16))});
    ASSERT_TRUE(calendar.has_value()) << calendar.error().message;
    EXPECT_FALSE(calendar->IsWorkingDay(Date(2026, 5, 8)));
    EXPECT_TRUE(calendar->IsWorkingDay(Date(2026, 5, 16)));
    EXPECT_FALSE(calendar->IsWorkingDay(Date(2026, 5, 17)));
    // Thu 14 May + 2: Fri 15, Sat 16.
    EXPECT_EQ(DueAt(At("2026-05-14T09:00:00+07:00"), Rule(2, DeadlineUnit::kWorkingDays), *calendar),
              At("2026-05-16T17:00:00+07:00"));
    // Thu 7 May + 1: Fri 8 is off -> Mon 11.
    EXPECT_EQ(DueAt(At("2026-05-07T09:00:00+07:00"), Rule(1, DeadlineUnit::kWorkingDays), *calendar),
              At("2026-05-11T17:00:00+07:00"));
}

// ---- calendar days and hours ----

TEST(DueAtDays, CalendarDaysEndAtLocalMidnight) {
    const HolidayCalendar none;
    // 20 days (crime reports): holidays and weekends count.
    EXPECT_EQ(DueAt(At("2026-03-06T20:00:00+07:00"), Rule(20, DeadlineUnit::kDays), none),
              At("2026-03-26T23:59:59+07:00"));
    EXPECT_EQ(DueAt(At("2026-02-10T08:00:00+07:00"), Rule(20, DeadlineUnit::kDays), Vietnam()),
              At("2026-03-02T23:59:59+07:00"));
    // Year end, and a late submission (23:50 local on 31 Dec is still 31 Dec).
    EXPECT_EQ(DueAt(At("2026-12-31T16:50:00Z"), Rule(1, DeadlineUnit::kDays), none), At("2027-01-01T23:59:59+07:00"));
    // 00:10 local on 1 Jan is 31 Dec in UTC.
    EXPECT_EQ(DueAt(At("2026-12-31T17:10:00Z"), Rule(1, DeadlineUnit::kDays), none), At("2027-01-02T23:59:59+07:00"));
    // Leap day: 2028 is a leap year.
    EXPECT_EQ(DueAt(At("2028-02-28T12:00:00+07:00"), Rule(1, DeadlineUnit::kDays), none),
              At("2028-02-29T23:59:59+07:00"));
}

TEST(DueAtHours, PlainHours) {
    const auto received = At("2026-03-06T20:15:30.250Z");
    EXPECT_EQ(DueAt(received, Rule(48, DeadlineUnit::kHours), Vietnam()), received + 48h);
    EXPECT_EQ(DueAt(received, Rule(1, DeadlineUnit::kHours), Vietnam()), received + 1h);
}

TEST(DueAt, AmountBelowOneIsTheReceiptTime) {
    const auto received = At("2026-03-06T20:00:00+07:00");
    for (auto unit : {DeadlineUnit::kWorkingDays, DeadlineUnit::kDays, DeadlineUnit::kHours}) {
        EXPECT_EQ(DueAt(received, Rule(0, unit), Vietnam()), received);
        EXPECT_EQ(DueAt(received, Rule(-3, unit), Vietnam()), received);
    }
}

// ---- local time ----

TEST(LocalTime, DateAndInstant) {
    EXPECT_EQ(LocalDate(At("2026-03-05T17:00:00Z")), Date(2026, 3, 6));
    EXPECT_EQ(LocalDate(At("2026-03-05T16:59:59.999Z")), Date(2026, 3, 5));
    EXPECT_EQ(LocalTime(Date(2026, 3, 6), 17), At("2026-03-06T10:00:00Z"));
    EXPECT_EQ(LocalTime(Date(2026, 1, 1), 0), At("2025-12-31T17:00:00Z"));
    EXPECT_EQ(NextWorkingDay(Date(2026, 2, 13), Vietnam()), Date(2026, 2, 23));
    EXPECT_EQ(NextWorkingDay(Date(2026, 3, 6), HolidayCalendar{}), Date(2026, 3, 9));
}

TEST(LocalTime, Formatting) {
    EXPECT_EQ(FormatLocalVi(At("2026-03-11T10:00:00Z")), "17:00 thứ Tư, 11/03/2026");
    EXPECT_EQ(FormatLocalEn(At("2026-03-11T10:00:00Z")), "17:00 Wed 11 Mar 2026");
    EXPECT_EQ(FormatLocalVi(At("2026-03-08T16:59:59Z")), "23:59 Chủ nhật, 08/03/2026");
    EXPECT_EQ(FormatLocalEn(At("2026-12-31T17:05:00Z")), "00:05 Fri 1 Jan 2027");
}

// ---- due states ----

TEST(Classify, ThresholdInHours) {
    const auto due = At("2026-03-11T10:00:00Z");
    EXPECT_EQ(Classify(due, due + 1s), DueState::kOverdue);
    EXPECT_EQ(Classify(due, due + 30h), DueState::kOverdue);
    EXPECT_EQ(Classify(due, due), DueState::kDueSoon);
    EXPECT_EQ(Classify(due, due - 24h), DueState::kDueSoon);
    EXPECT_EQ(Classify(due, due - 24h - 1s), DueState::kOnTrack);
    EXPECT_EQ(Classify(due, due - 5h, 4), DueState::kOnTrack);
    EXPECT_EQ(Classify(due, due - 3h, 4), DueState::kDueSoon);
    EXPECT_EQ(Classify(due, due - 90min, 1.5), DueState::kDueSoon);
    // Bad thresholds count as 0: only the exact due instant is "due soon".
    EXPECT_EQ(Classify(due, due - 1s, -5), DueState::kOnTrack);
    EXPECT_EQ(Classify(due, due - 1s, std::nan("")), DueState::kOnTrack);
    EXPECT_EQ(Classify(due, due, -5), DueState::kDueSoon);
    EXPECT_EQ(Classify(due, due + 1s, std::numeric_limits<double>::infinity()), DueState::kOverdue);
}

TEST(Classify, CodesAndLabels) {
    EXPECT_EQ(DueStateCode(DueState::kOnTrack), "on_track");
    EXPECT_EQ(DueStateCode(DueState::kDueSoon), "due_soon");
    EXPECT_EQ(DueStateCode(DueState::kOverdue), "overdue");
    EXPECT_EQ(DueStateLabelVi(DueState::kOverdue), "Quá hạn");
    EXPECT_EQ(DueStateLabelEn(DueState::kDueSoon), "Due soon");
}

// ---- rules ----

TEST(DeadlineRules, UnitCodesAndFormatting) {
    for (auto unit : {DeadlineUnit::kWorkingDays, DeadlineUnit::kDays, DeadlineUnit::kHours}) {
        EXPECT_EQ(ParseDeadlineUnit(DeadlineUnitCode(unit)), unit);
    }
    EXPECT_FALSE(ParseDeadlineUnit("weeks").has_value());
    EXPECT_FALSE(ParseDeadlineUnit("Days").has_value());
    DeadlineRule rule = Rule(3, DeadlineUnit::kWorkingDays);
    EXPECT_EQ(FormatDeadline(rule, true), "3 ngày làm việc");
    EXPECT_EQ(FormatDeadline(rule, false), "3 working days");
    rule = Rule(1, DeadlineUnit::kHours);
    EXPECT_EQ(FormatDeadline(rule, false), "1 hour");
    rule = Rule(30, DeadlineUnit::kDays);
    rule.confirmed = false;
    EXPECT_EQ(FormatDeadline(rule, true), "30 ngày (⚠ chưa xác minh)");
    EXPECT_EQ(FormatDeadline(rule, false), "30 days (⚠ unverified)");
}

// ---- calendar construction and loading ----

TEST(HolidayCalendar, CreateRefusesBadLists) {
    auto twice = HolidayCalendar::Create({Day(Date(2026, 1, 1)), Day(Date(2026, 1, 1))});
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().field, "holidays");
    EXPECT_NE(twice.error().message.find("2026-01-01"), std::string::npos);

    auto weekday_workday = HolidayCalendar::Create({}, {Day(Date(2026, 5, 15))});  // a Friday
    ASSERT_FALSE(weekday_workday.has_value());
    EXPECT_EQ(weekday_workday.error().field, "workdays");

    auto both = HolidayCalendar::Create({Day(Date(2026, 5, 16))}, {Day(Date(2026, 5, 16))});
    ASSERT_FALSE(both.has_value());
    EXPECT_EQ(both.error().field, "workdays");

    auto invalid = HolidayCalendar::Create({Day(Date(2026, 2, 30))});
    ASSERT_FALSE(invalid.has_value());

    auto unsorted = HolidayCalendar::Create({Day(Date(2026, 9, 2)), Day(Date(2026, 1, 1))});
    ASSERT_TRUE(unsorted.has_value());
    EXPECT_EQ(unsorted->holidays().front().date, Date(2026, 1, 1));
    EXPECT_TRUE(unsorted->IsHoliday(Date(2026, 9, 2)));
    EXPECT_TRUE(unsorted->Covers(std::chrono::year(2026)));
    EXPECT_FALSE(unsorted->Covers(std::chrono::year(2027)));
}

Json HolidayJson() {
    return Json::parse(R"({"holidays": [
        {"date": "2026-01-01", "name_vi": "Tết Dương lịch", "name_en": "New Year's Day", "confirmed": true},
        {"date": "2026-09-02", "name_vi": "Quốc khánh", "name_en": "National Day", "confirmed": true, "note": ""}
    ]})");
}

TEST(LoadHolidays, AcceptsTheDocumentedShape) {
    auto calendar = LoadHolidays(HolidayJson());
    ASSERT_TRUE(calendar.has_value()) << calendar.error().message;
    EXPECT_EQ(calendar->holidays().size(), 2u);
    EXPECT_TRUE(calendar->workdays().empty());
    EXPECT_EQ(calendar->FindHoliday(Date(2026, 9, 2))->name_en, "National Day");
    EXPECT_EQ(calendar->FindHoliday(Date(2026, 9, 3)), nullptr);
}

TEST(LoadHolidays, StrictErrorsNameTheKey) {
    struct Case {
        std::string name;
        std::function<void(Json&)> edit;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"unknown top-level key", [](Json& j) { j["holiday"] = Json::array(); }, "holiday"},
        {"unknown entry key", [](Json& j) { j["holidays"][1]["observed"] = true; }, "holidays[1].observed"},
        {"impossible date", [](Json& j) { j["holidays"][1]["date"] = "2026-02-30"; }, "holidays[1].date"},
        {"date with a time", [](Json& j) { j["holidays"][0]["date"] = "2026-01-01T00:00:00"; }, "holidays[0].date"},
        {"date not a string", [](Json& j) { j["holidays"][0]["date"] = 20260101; }, "holidays[0].date"},
        {"missing name", [](Json& j) { j["holidays"][1].erase("name_en"); }, "holidays[1].name_en"},
        {"empty name", [](Json& j) { j["holidays"][0]["name_vi"] = ""; }, "holidays[0].name_vi"},
        {"missing confirmed", [](Json& j) { j["holidays"][0].erase("confirmed"); }, "holidays[0].confirmed"},
        {"repeated date", [](Json& j) { j["holidays"][1]["date"] = "2026-01-01"; }, "holidays[1].date"},
        {"holidays missing", [](Json& j) { j.erase("holidays"); }, "holidays"},
        {"holidays not an array", [](Json& j) { j["holidays"] = "2026-01-01"; }, "holidays"},
        {"entry not a table", [](Json& j) { j["holidays"][0] = "2026-01-01"; }, "holidays[0]"},
        {"weekday workday",
         [](Json& j) {
             j["workdays"] = Json::parse(R"([{"date": "2026-05-15", "name_vi": "Làm bù", "name_en": "Make-up",
                                             "confirmed": true}])");
         },
         "workdays"},
    };
    for (const auto& c : cases) {
        Json j = HolidayJson();
        c.edit(j);
        auto calendar = LoadHolidays(j);
        ASSERT_FALSE(calendar.has_value()) << c.name;
        EXPECT_EQ(calendar.error().code, ErrorCode::kInvalidArgument) << c.name;
        EXPECT_EQ(calendar.error().field, c.field) << c.name << ": " << calendar.error().message;
    }
    EXPECT_FALSE(LoadHolidays(Json::array()).has_value());
}

TEST(LoadHolidays, TomlDatesAreAccepted) {
    auto json = ParseToml(R"(
[[holidays]]
date = 2026-04-30
name_vi = "Ngày Chiến thắng"
name_en = "Reunification Day"
confirmed = true

[[workdays]]
date = "2026-05-09"
name_vi = "Làm bù"
name_en = "Make-up workday"
confirmed = false
)");
    ASSERT_TRUE(json.has_value()) << json.error().message;
    auto calendar = LoadHolidays(*json);
    ASSERT_TRUE(calendar.has_value()) << calendar.error().message;
    EXPECT_TRUE(calendar->IsHoliday(Date(2026, 4, 30)));
    EXPECT_TRUE(calendar->IsWorkingDay(Date(2026, 5, 9)));
}

TEST(LoadHolidaysFile, MissingFileIsNotFound) {
    auto calendar = LoadHolidaysFile(kDataDir / "no-such-file.toml");
    ASSERT_FALSE(calendar.has_value());
    EXPECT_EQ(calendar.error().code, ErrorCode::kNotFound);
}

// ---- the real data file ----

TEST(VietnamHolidays, DataFileLoadsAndCoversTwoYears) {
    const auto& calendar = Vietnam();
    EXPECT_TRUE(calendar.Covers(std::chrono::year(2026)));
    EXPECT_TRUE(calendar.Covers(std::chrono::year(2027)));
    for (int y : {2026, 2027}) {
        for (auto [m, d] : {std::pair{1u, 1u}, {4u, 30u}, {5u, 1u}, {9u, 2u}}) {
            const auto* day = calendar.FindHoliday(Date(y, m, d));
            ASSERT_NE(day, nullptr) << y << "-" << m << "-" << d;
            EXPECT_TRUE(day->confirmed) << "fixed-date holidays are set by the Labour Code";
        }
    }
    const auto* tet = calendar.FindHoliday(Date(2026, 2, 17));
    ASSERT_NE(tet, nullptr);
    EXPECT_FALSE(tet->confirmed);
    EXPECT_NE(calendar.FindHoliday(Date(2027, 4, 16)), nullptr);  // Hùng Kings 2027
}

TEST(VietnamHolidays, ElevenWeekdaysOffEachYear) {
    // Labour Code 2019 Art. 112: 11 public-holiday days a year (1 + 5 Tết + 1 + 1 + 1 + 2); those falling on a
    // weekend are compensated on working days, so the weekdays off add up to 11.
    std::map<int, int> weekdays_off;
    for (const auto& day : Vietnam().holidays()) {
        const std::chrono::weekday wd{std::chrono::sys_days(day.date)};
        if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) ++weekdays_off[static_cast<int>(day.date.year())];
    }
    EXPECT_EQ(weekdays_off[2026], 11);
    EXPECT_EQ(weekdays_off[2027], 11);
}

}  // namespace
}  // namespace precinct::reports
