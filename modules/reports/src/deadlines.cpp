// Due dates: deadline rules, the holiday calendar and its loader, local (UTC+7) time and the due-state classes.
#include "deadlines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "core/config.hpp"
#include "core/settings.hpp"

namespace precinct::reports {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::string_view kWeekdayVi[] = {"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"};
constexpr std::string_view kWeekdayEn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::string_view kMonthEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool IsWeekend(year_month_day date) {
    const std::chrono::weekday wd{sys_days(date)};
    return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

bool DateLess(const CalendarDay& a, const CalendarDay& b) { return sys_days(a.date) < sys_days(b.date); }

const CalendarDay* FindDay(const std::vector<CalendarDay>& days, year_month_day date) {
    auto it = std::lower_bound(days.begin(), days.end(), date,
                               [](const CalendarDay& d, year_month_day v) { return sys_days(d.date) < sys_days(v); });
    if (it == days.end() || it->date != date) return nullptr;
    return &*it;
}

std::string FormatDate(year_month_day date) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

// "YYYY-MM-DD", nothing else.
std::optional<year_month_day> ParseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto read = [&](std::size_t pos, std::size_t len, int& out) {
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
        }
        auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
        return ec == std::errc() && ptr == text.data() + pos + len;
    };
    int y = 0, m = 0, d = 0;
    if (!read(0, 4, y) || !read(5, 2, m) || !read(8, 2, d)) return std::nullopt;
    const year_month_day date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                              std::chrono::day(static_cast<unsigned>(d))};
    if (!date.ok()) return std::nullopt;
    return date;
}

Status CheckDays(const std::vector<CalendarDay>& sorted, std::string_view field) {
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (!sorted[i].date.ok()) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: invalid date", field), std::string(field));
        }
        if (i > 0 && sorted[i].date == sorted[i - 1].date) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: {} is listed twice", field, FormatDate(sorted[i].date)), std::string(field));
        }
    }
    return Ok();
}

// Reads one array of calendar days (`key` at the top level).
Result<std::vector<CalendarDay>> ReadDays(const Json& root, std::string_view key, bool required) {
    std::vector<CalendarDay> days;
    const std::string name(key);
    const auto it = root.find(name);
    if (it == root.end()) {
        if (required) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: is required", name), name);
        return days;
    }
    if (!it->is_array()) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must be an array of tables", name), name);
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& entry = (*it)[i];
        const std::string path = fmt::format("{}[{}]", name, i);
        if (!entry.is_object()) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must be a table", path), path);
        }
        CalendarDay day;
        std::string date;
        SettingsReader r(entry, path);
        r.Require("date").String("date", date, 32);
        r.Require("name_vi").String("name_vi", day.name_vi, 200);
        r.Require("name_en").String("name_en", day.name_en, 200);
        r.Require("confirmed").Bool("confirmed", day.confirmed);
        r.String("note", day.note, 1000);
        if (auto status = r.Finish(); !status) return Fail(status.error());
        const auto parsed = ParseDate(date);
        if (!parsed) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: must be a date YYYY-MM-DD, got '{}'", r.KeyPath("date"), date),
                        r.KeyPath("date"));
        }
        day.date = *parsed;
        if (day.name_vi.empty()) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must not be empty", r.KeyPath("name_vi")),
                        r.KeyPath("name_vi"));
        }
        if (day.name_en.empty()) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must not be empty", r.KeyPath("name_en")),
                        r.KeyPath("name_en"));
        }
        // Name the entry at fault for repeated dates here, where the index is known.
        for (std::size_t j = 0; j < days.size(); ++j) {
            if (days[j].date == day.date) {
                return Fail(ErrorCode::kInvalidArgument,
                            fmt::format("{}: {} is already listed at {}[{}]", r.KeyPath("date"), date, name, j),
                            r.KeyPath("date"));
            }
        }
        days.push_back(std::move(day));
    }
    return days;
}

std::string FormatLocal(TimePoint t, bool vietnamese) {
    const auto local = std::chrono::floor<std::chrono::seconds>(t + kLocalUtcOffset);
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const year_month_day date{day};
    const std::chrono::hh_mm_ss<std::chrono::seconds> hms{local - day};
    const unsigned wd = std::chrono::weekday{day}.c_encoding();
    const auto d = static_cast<unsigned>(date.day());
    const auto m = static_cast<unsigned>(date.month());
    const int y = static_cast<int>(date.year());
    const auto h = hms.hours().count();
    const auto min = hms.minutes().count();
    if (vietnamese) return fmt::format("{:02}:{:02} {}, {:02}/{:02}/{:04}", h, min, kWeekdayVi[wd], d, m, y);
    return fmt::format("{:02}:{:02} {} {} {} {:04}", h, min, kWeekdayEn[wd], d, kMonthEn[m - 1], y);
}

}  // namespace

// ---- deadline rules ----

std::string_view DeadlineUnitCode(DeadlineUnit u) {
    switch (u) {
        case DeadlineUnit::kWorkingDays: return "working_days";
        case DeadlineUnit::kDays: return "days";
        case DeadlineUnit::kHours: return "hours";
    }
    return "days";
}

std::optional<DeadlineUnit> ParseDeadlineUnit(std::string_view code) {
    for (DeadlineUnit u : {DeadlineUnit::kWorkingDays, DeadlineUnit::kDays, DeadlineUnit::kHours}) {
        if (DeadlineUnitCode(u) == code) return u;
    }
    return std::nullopt;
}

std::string FormatDeadline(const DeadlineRule& rule, bool vietnamese) {
    std::string out = std::to_string(rule.amount);
    const bool one = rule.amount == 1;
    switch (rule.unit) {
        case DeadlineUnit::kWorkingDays:
            out += vietnamese ? " ngày làm việc" : (one ? " working day" : " working days");
            break;
        case DeadlineUnit::kDays: out += vietnamese ? " ngày" : (one ? " day" : " days"); break;
        case DeadlineUnit::kHours: out += vietnamese ? " giờ" : (one ? " hour" : " hours"); break;
    }
    if (!rule.confirmed) out += vietnamese ? " (⚠ chưa xác minh)" : " (⚠ unverified)";
    return out;
}

// ---- holiday calendar ----

Result<HolidayCalendar> HolidayCalendar::Create(std::vector<CalendarDay> holidays, std::vector<CalendarDay> workdays) {
    std::stable_sort(holidays.begin(), holidays.end(), DateLess);
    std::stable_sort(workdays.begin(), workdays.end(), DateLess);
    if (auto status = CheckDays(holidays, "holidays"); !status) return Fail(status.error());
    if (auto status = CheckDays(workdays, "workdays"); !status) return Fail(status.error());
    for (const auto& day : workdays) {
        if (!IsWeekend(day.date)) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("workdays: {} is not a Saturday or Sunday", FormatDate(day.date)), "workdays");
        }
        if (FindDay(holidays, day.date)) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("workdays: {} is also listed as a holiday", FormatDate(day.date)), "workdays");
        }
    }
    HolidayCalendar calendar;
    calendar.holidays_ = std::move(holidays);
    calendar.workdays_ = std::move(workdays);
    return calendar;
}

const CalendarDay* HolidayCalendar::FindHoliday(year_month_day date) const { return FindDay(holidays_, date); }

bool HolidayCalendar::IsWorkingDay(year_month_day date) const {
    if (IsWeekend(date)) return FindDay(workdays_, date) != nullptr;
    return !IsHoliday(date);
}

bool HolidayCalendar::Covers(std::chrono::year year) const {
    return std::any_of(holidays_.begin(), holidays_.end(), [&](const CalendarDay& d) { return d.date.year() == year; });
}

Result<HolidayCalendar> LoadHolidays(const Json& toml_as_json) {
    if (!toml_as_json.is_object()) return Fail(ErrorCode::kInvalidArgument, "holiday data: must be a table");
    SettingsReader top(toml_as_json, "");
    top.Known("holidays").Known("workdays");
    if (auto status = top.Finish(); !status) return Fail(status.error());
    auto holidays = ReadDays(toml_as_json, "holidays", true);
    if (!holidays) return Fail(holidays.error());
    auto workdays = ReadDays(toml_as_json, "workdays", false);
    if (!workdays) return Fail(workdays.error());
    return HolidayCalendar::Create(std::move(*holidays), std::move(*workdays));
}

Result<HolidayCalendar> LoadHolidaysFile(const std::filesystem::path& path) {
    auto json = LoadTomlFile(path);
    if (!json) return Fail(json.error());
    auto calendar = LoadHolidays(*json);
    if (!calendar) {
        Error error = calendar.error();
        error.message = path.string() + ": " + error.message;
        return Fail(std::move(error));
    }
    return calendar;
}

// ---- local time ----

year_month_day LocalDate(TimePoint t) {
    return year_month_day{std::chrono::floor<std::chrono::days>(t + kLocalUtcOffset)};
}

TimePoint LocalTime(year_month_day date, int hour, int minute, int second) {
    const auto local =
        sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(second);
    return std::chrono::time_point_cast<TimePoint::duration>(local - kLocalUtcOffset);
}

year_month_day NextWorkingDay(year_month_day date, const HolidayCalendar& calendar) {
    sys_days day = sys_days(date);
    do {
        day += std::chrono::days(1);
    } while (!calendar.IsWorkingDay(year_month_day{day}));
    return year_month_day{day};
}

std::string FormatLocalVi(TimePoint t) { return FormatLocal(t, true); }
std::string FormatLocalEn(TimePoint t) { return FormatLocal(t, false); }

// ---- due dates ----

TimePoint DueAt(TimePoint received, const DeadlineRule& rule, const HolidayCalendar& calendar) {
    if (rule.amount < 1) return received;
    switch (rule.unit) {
        case DeadlineUnit::kHours: return received + std::chrono::hours(rule.amount);
        case DeadlineUnit::kDays: {
            const year_month_day last{sys_days(LocalDate(received)) + std::chrono::days(rule.amount)};
            return LocalTime(last, 23, 59, 59);
        }
        case DeadlineUnit::kWorkingDays: {
            year_month_day day = LocalDate(received);
            for (int i = 0; i < rule.amount; ++i) day = NextWorkingDay(day, calendar);
            return LocalTime(day, kWorkingDayEndHour);
        }
    }
    return received;
}

std::string_view DueStateCode(DueState s) {
    switch (s) {
        case DueState::kOnTrack: return "on_track";
        case DueState::kDueSoon: return "due_soon";
        case DueState::kOverdue: return "overdue";
    }
    return "on_track";
}

std::string_view DueStateLabelVi(DueState s) {
    switch (s) {
        case DueState::kOnTrack: return "Trong hạn";
        case DueState::kDueSoon: return "Sắp đến hạn";
        case DueState::kOverdue: return "Quá hạn";
    }
    return "Trong hạn";
}

std::string_view DueStateLabelEn(DueState s) {
    switch (s) {
        case DueState::kOnTrack: return "On track";
        case DueState::kDueSoon: return "Due soon";
        case DueState::kOverdue: return "Overdue";
    }
    return "On track";
}

DueState Classify(TimePoint due, TimePoint now, double due_soon_hours) {
    if (now > due) return DueState::kOverdue;
    if (!std::isfinite(due_soon_hours) || due_soon_hours < 0) due_soon_hours = 0;
    const double left_s = std::chrono::duration<double>(due - now).count();
    return left_s <= due_soon_hours * 3600 ? DueState::kDueSoon : DueState::kOnTrack;
}

}  // namespace precinct::reports
