#pragma once
// Digit strings and calendar dates as the printed fields of a card hold them; inside the codec part.
#include <algorithm>
#include <string_view>

namespace precinct::identity {

inline bool AllDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The value of a string of ASCII digits (the caller has checked AllDigits; at most 9 of them).
inline int DigitsValue(std::string_view digits) {
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}

// A day of the Gregorian calendar (leap years included).
inline bool IsCalendarDate(int year, int month, int day) {
    static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

}  // namespace precinct::identity
