#pragma once
// Due dates of citizen reports. A deadline is an amount of working days, calendar days or hours, counted in the
// Asia/Ho_Chi_Minh time zone (UTC+7 all year, no daylight saving time). Working days are Monday to Friday except the
// public holidays of a calendar read from data (data/reports/holidays.toml), plus any weekend day worked in exchange
// for a bridge holiday ("ngày làm bù").
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace precinct::reports {

// Asia/Ho_Chi_Minh.
inline constexpr std::chrono::hours kLocalUtcOffset{7};
// A deadline in working days ends at this local hour on its last day.
inline constexpr int kWorkingDayEndHour = 17;

// ---- deadline rules ----

enum class DeadlineUnit { kWorkingDays, kDays, kHours };
std::string_view DeadlineUnitCode(DeadlineUnit u);  // "working_days", "days", "hours"
std::optional<DeadlineUnit> ParseDeadlineUnit(std::string_view code);

// What the product shows next to a figure that was not confirmed from a primary legal text.
inline constexpr std::string_view kUnverifiedNote = "⚠ chưa xác minh / unverified";

// Limits on DeadlineRule::amount accepted from data, per unit.
inline constexpr int kMaxWorkingDays = 366;
inline constexpr int kMaxDays = 3660;
inline constexpr int kMaxHours = 8784;

struct DeadlineRule {
    int amount = 0;  // >= 1
    DeadlineUnit unit = DeadlineUnit::kDays;
    std::string legal_basis;  // e.g. "Bộ luật Tố tụng hình sự 2015, Điều 147 / Criminal Procedure Code 2015, Art. 147"
    std::string extension;   // how the limit may be extended (complex cases), "" when it cannot
    bool confirmed = false;  // the figure and its basis were checked against the legal text
    std::string note;        // contains kUnverifiedNote when not confirmed
};

// "3 ngày làm việc" / "3 working days", "20 ngày" / "20 days", "24 giờ" / "24 hours" (singular in English for 1),
// followed by " (⚠ chưa xác minh)" / " (⚠ unverified)" when the rule is not confirmed.
std::string FormatDeadline(const DeadlineRule& rule, bool vietnamese);

// ---- holiday calendar ----

struct CalendarDay {
    std::chrono::year_month_day date;
    std::string name_vi;
    std::string name_en;
    bool confirmed = true;  // false: the date is provisional (lunar holidays not yet decreed, bridge days)
    std::string note;
};

class HolidayCalendar {
public:
    // No holidays: Monday to Friday are working days.
    HolidayCalendar() = default;

    // kInvalidArgument (field "holidays" or "workdays") for an invalid or repeated date, a date in both lists, or a
    // make-up workday that is not a Saturday or Sunday.
    static Result<HolidayCalendar> Create(std::vector<CalendarDay> holidays, std::vector<CalendarDay> workdays = {});

    bool IsHoliday(std::chrono::year_month_day date) const { return FindHoliday(date) != nullptr; }
    // Monday to Friday and not a holiday, or a make-up workday.
    bool IsWorkingDay(std::chrono::year_month_day date) const;
    const CalendarDay* FindHoliday(std::chrono::year_month_day date) const;
    // True when the calendar lists at least one holiday in `year`; due dates reaching into a year it does not cover
    // count every weekday as a working day.
    bool Covers(std::chrono::year year) const;

    // Sorted by date.
    const std::vector<CalendarDay>& holidays() const { return holidays_; }
    const std::vector<CalendarDay>& workdays() const { return workdays_; }

private:
    std::vector<CalendarDay> holidays_;
    std::vector<CalendarDay> workdays_;
};

// Reads the holiday data (TOML read into JSON): an array `holidays` of tables {date, name_vi, name_en, confirmed,
// note?} and an optional array `workdays` of the same shape. Dates are TOML local dates or "YYYY-MM-DD" strings.
// Strict: unknown keys, missing or empty names, bad or repeated dates are refused with kInvalidArgument naming the
// key, e.g. "holidays[2].date".
Result<HolidayCalendar> LoadHolidays(const Json& toml_as_json);
Result<HolidayCalendar> LoadHolidaysFile(const std::filesystem::path& path);

// ---- local time ----

// The calendar date in Asia/Ho_Chi_Minh at instant `t`.
std::chrono::year_month_day LocalDate(TimePoint t);
// The instant of hour:minute:second local time on `date`.
TimePoint LocalTime(std::chrono::year_month_day date, int hour, int minute = 0, int second = 0);
// The first working day strictly after `date`.
std::chrono::year_month_day NextWorkingDay(std::chrono::year_month_day date, const HolidayCalendar& calendar);
// "17:00 thứ Tư, 21/01/2026" / "17:00 Wed 21 Jan 2026", local time.
std::string FormatLocalVi(TimePoint t);
std::string FormatLocalEn(TimePoint t);

// ---- due dates ----

// When a report received at `received` is due under `rule`:
//   working_days: N whole working days counted from the first working day after the local day of receipt (the
//                 day of receipt never counts, whatever the hour); due at 17:00 local on the N-th. Received on a
//                 Friday evening with 3 working days: due Wednesday 17:00; a holiday in between moves it further.
//   days:         N calendar days after the local day of receipt, due at 23:59:59 local on the last one.
//   hours:        received + N hours.
// An amount below 1 gives `received` itself.
TimePoint DueAt(TimePoint received, const DeadlineRule& rule, const HolidayCalendar& calendar);

enum class DueState { kOnTrack, kDueSoon, kOverdue };
std::string_view DueStateCode(DueState s);  // "on_track", "due_soon", "overdue"
std::string_view DueStateLabelVi(DueState s);
std::string_view DueStateLabelEn(DueState s);

inline constexpr double kDefaultDueSoonHours = 24;

// overdue:  now is after `due`;
// due_soon: `due` is at most `due_soon_hours` hours away (now == due included);
// on_track: otherwise.
// The threshold is a fixed number of hours, not a fraction of the period (the period's start is not known here).
// A negative or non-finite threshold counts as 0.
DueState Classify(TimePoint due, TimePoint now, double due_soon_hours = kDefaultDueSoonHours);

}  // namespace precinct::reports
