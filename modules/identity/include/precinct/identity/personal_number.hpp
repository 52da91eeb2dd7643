#pragma once
// The Vietnamese 12-digit personal identification number (số định danh cá nhân), as printed on the CCCD and held
// in its MRZ, QR code and DG13: PPP G YY RRRRRR = the province (or country) where the birth was registered, a
// century-and-sex digit, the last two digits of the birth year, six digits of a random range. This structure comes
// from Circular 07/2016 and 59/2021/TT-BCA, which expired on 1 Jul 2024; the 2023 Law on Identification only
// guarantees twelve digits. So a number of another shape is read as far as it goes, never refused for its prefix.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace precinct::identity {

// The province a 3-digit prefix names, looked up in both tables of the CCCD spec notes.
struct ProvinceCode {
    std::string code;  // "079"
    // The table of the 63 provinces, whose codes were issued up to 30 Jun 2025 ("TP. Hồ Chí Minh"); "" when the
    // code is not in it.
    std::string pre_merger_name;
    // The 34 provinces after the merger of 1 Jul 2025 (Decision 19/2025/QĐ-TTg), with "0" before the 2-digit
    // code; "" when the code is not in it. Whether new numbers are issued with these codes is unverified.
    std::string post_merger_name;
    // The province that registry lies in today: the post-merger province the pre-merger one became part of (064
    // Gia Lai and 052 Bình Định both give "Gia Lai"); "" for an unknown code.
    std::string current_province;
    bool in_pre_merger_table = false;
    bool in_post_merger_table = false;
    // 1xx-2xx: a birth registered abroad, the prefix naming a country; no verified mapping is known.
    bool abroad = false;
};

// The two tables: nullopt for a prefix in neither and not in the abroad range.
std::optional<ProvinceCode> LookUpProvinceCode(std::string_view code3);

struct PersonalNumberCheck {
    std::string field;  // "century", "birth_year"
    bool ok = false;
    std::string detail;  // in English, for the report ("the number says 2005, the date of birth 2004")
};

struct PersonalNumber {
    std::string digits;  // the 12 digits
    ProvinceCode province;
    bool province_known = false;  // in one of the two tables; false: a warning in `warnings`
    int century_sex_digit = 0;    // the 4th digit
    char sex = 'M';               // 'M' for even, 'F' for odd century-and-sex digits
    int birth_year = 0;           // (19 + digit / 2) * 100 + YY: 1900-2399
    std::string serial;           // the last 6 digits
    // Against a given date of birth: the century and the two year digits. Empty without a date of birth.
    std::vector<PersonalNumberCheck> checks;
    // Things a reader should see: an unknown province code, a prefix whose meaning is unverified.
    std::vector<std::string> warnings;
    // True when what the prefix is read as rests on a fact the spec notes mark unverified (a post-merger code
    // only, the abroad range): the product shows it with ⚠.
    bool unverified = false;

    bool AllChecksOk() const;
};

// Reads a 12-digit number. kInvalidArgument: not exactly 12 ASCII digits, or `date_of_birth_iso` given but not a
// valid YYYY-MM-DD date. A birth year or century that differs from `date_of_birth_iso` is a failed check, not an
// error; an unknown province code is a warning.
Result<PersonalNumber> ParsePersonalNumber(std::string_view digits,
                                           std::optional<std::string> date_of_birth_iso = std::nullopt);

// For logs and lists: the first 3 and the last 4 characters, the others as '*' ("079*****3456"). Shorter inputs
// (under 8 characters) are masked entirely.
std::string MaskPersonalNumber(std::string_view number);

}  // namespace precinct::identity
