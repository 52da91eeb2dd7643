#include "precinct/identity/personal_number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "codec/digits.hpp"

namespace precinct::identity {

namespace {

struct PreMergerProvince {
    std::string_view code;  // 3 digits
    std::string_view name;
    std::string_view merged_into;  // the 3-digit code ("0" + 2-digit code) of its post-merger province
};

// The 63 provinces of the codes issued up to 30 Jun 2025 (CCCD spec notes, section 2), each with the post-merger
// province of Resolution 202/2025/QH15 it became part of.
constexpr std::array<PreMergerProvince, 63> kPreMerger = {{
    {"001", "Hà Nội", "001"},
    {"002", "Hà Giang", "008"},
    {"004", "Cao Bằng", "004"},
    {"006", "Bắc Kạn", "019"},
    {"008", "Tuyên Quang", "008"},
    {"010", "Lào Cai", "015"},
    {"011", "Điện Biên", "011"},
    {"012", "Lai Châu", "012"},
    {"014", "Sơn La", "014"},
    {"015", "Yên Bái", "015"},
    {"017", "Hòa Bình", "025"},
    {"019", "Thái Nguyên", "019"},
    {"020", "Lạng Sơn", "020"},
    {"022", "Quảng Ninh", "022"},
    {"024", "Bắc Giang", "024"},
    {"025", "Phú Thọ", "025"},
    {"026", "Vĩnh Phúc", "025"},
    {"027", "Bắc Ninh", "024"},
    {"030", "Hải Dương", "031"},
    {"031", "Hải Phòng", "031"},
    {"033", "Hưng Yên", "033"},
    {"034", "Thái Bình", "033"},
    {"035", "Hà Nam", "037"},
    {"036", "Nam Định", "037"},
    {"037", "Ninh Bình", "037"},
    {"038", "Thanh Hóa", "038"},
    {"040", "Nghệ An", "040"},
    {"042", "Hà Tĩnh", "042"},
    {"044", "Quảng Bình", "044"},
    {"045", "Quảng Trị", "044"},
    {"046", "Thừa Thiên Huế", "046"},
    {"048", "Đà Nẵng", "048"},
    {"049", "Quảng Nam", "048"},
    {"051", "Quảng Ngãi", "051"},
    {"052", "Bình Định", "052"},
    {"054", "Phú Yên", "066"},
    {"056", "Khánh Hòa", "056"},
    {"058", "Ninh Thuận", "056"},
    {"060", "Bình Thuận", "068"},
    {"062", "Kon Tum", "051"},
    {"064", "Gia Lai", "052"},
    {"066", "Đắk Lắk", "066"},
    {"067", "Đắk Nông", "068"},
    {"068", "Lâm Đồng", "068"},
    {"070", "Bình Phước", "075"},
    {"072", "Tây Ninh", "080"},
    {"074", "Bình Dương", "079"},
    {"075", "Đồng Nai", "075"},
    {"077", "Bà Rịa – Vũng Tàu", "079"},
    {"079", "TP. Hồ Chí Minh", "079"},
    {"080", "Long An", "080"},
    {"082", "Tiền Giang", "082"},
    {"083", "Bến Tre", "086"},
    {"084", "Trà Vinh", "086"},
    {"086", "Vĩnh Long", "086"},
    {"087", "Đồng Tháp", "082"},
    {"089", "An Giang", "091"},
    {"091", "Kiên Giang", "091"},
    {"092", "Cần Thơ", "092"},
    {"093", "Hậu Giang", "092"},
    {"094", "Sóc Trăng", "092"},
    {"095", "Bạc Liêu", "096"},
    {"096", "Cà Mau", "096"},
}};

struct PostMergerProvince {
    std::string_view code;  // "0" + the 2-digit code of Decision 19/2025/QĐ-TTg
    std::string_view name;
};

// The 34 provinces from 1 Jul 2025.
constexpr std::array<PostMergerProvince, 34> kPostMerger = {{
    {"001", "Hà Nội"},    {"004", "Cao Bằng"},   {"008", "Tuyên Quang"}, {"011", "Điện Biên"},
    {"012", "Lai Châu"},  {"014", "Sơn La"},     {"015", "Lào Cai"},     {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},  {"022", "Quảng Ninh"}, {"024", "Bắc Ninh"},    {"025", "Phú Thọ"},
    {"031", "Hải Phòng"}, {"033", "Hưng Yên"},   {"037", "Ninh Bình"},   {"038", "Thanh Hóa"},
    {"040", "Nghệ An"},   {"042", "Hà Tĩnh"},    {"044", "Quảng Trị"},   {"046", "TP. Huế"},
    {"048", "Đà Nẵng"},   {"051", "Quảng Ngãi"}, {"052", "Gia Lai"},     {"056", "Khánh Hòa"},
    {"066", "Đắk Lắk"},   {"068", "Lâm Đồng"},   {"075", "Đồng Nai"},    {"079", "TP. Hồ Chí Minh"},
    {"080", "Tây Ninh"},  {"082", "Đồng Tháp"},  {"086", "Vĩnh Long"},   {"091", "An Giang"},
    {"092", "Cần Thơ"},   {"096", "Cà Mau"},
}};

std::string_view PostMergerName(std::string_view code) {
    for (const auto& p : kPostMerger) {
        if (p.code == code) return p.name;
    }
    return {};
}

// The year of a valid YYYY-MM-DD date, or nullopt.
std::optional<int> IsoDateYear(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    const std::string_view y = iso.substr(0, 4);
    const std::string_view m = iso.substr(5, 2);
    const std::string_view d = iso.substr(8, 2);
    if (!AllDigits(y) || !AllDigits(m) || !AllDigits(d)) return std::nullopt;
    const int year = DigitsValue(y);
    const int month = DigitsValue(m);
    const int day = DigitsValue(d);
    if (!IsCalendarDate(year, month, day)) return std::nullopt;
    return year;
}

}  // namespace

std::optional<ProvinceCode> LookUpProvinceCode(std::string_view code3) {
    if (code3.size() != 3 || !AllDigits(code3)) return std::nullopt;
    ProvinceCode out;
    out.code = std::string(code3);
    for (const auto& p : kPreMerger) {
        if (p.code == code3) {
            out.in_pre_merger_table = true;
            out.pre_merger_name = std::string(p.name);
            out.current_province = std::string(PostMergerName(p.merged_into));
        }
    }
    if (auto name = PostMergerName(code3); !name.empty()) {
        out.in_post_merger_table = true;
        out.post_merger_name = std::string(name);
        out.current_province = std::string(name);
    }
    const int n = DigitsValue(code3);
    out.abroad = n >= 100 && n <= 299;
    if (!out.in_pre_merger_table && !out.in_post_merger_table && !out.abroad) return std::nullopt;
    return out;
}

bool PersonalNumber::AllChecksOk() const {
    return std::all_of(checks.begin(), checks.end(), [](const PersonalNumberCheck& c) { return c.ok; });
}

Result<PersonalNumber> ParsePersonalNumber(std::string_view digits, std::optional<std::string> date_of_birth_iso) {
    if (digits.size() != 12 || !AllDigits(digits)) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("personal number: {} characters; expected exactly 12 digits", digits.size()),
                    "personal_number");
    }
    std::optional<int> dob_year;
    if (date_of_birth_iso) {
        dob_year = IsoDateYear(*date_of_birth_iso);
        if (!dob_year) {
            return Fail(ErrorCode::kInvalidArgument, "date of birth: not a valid YYYY-MM-DD date", "date_of_birth");
        }
    }
    PersonalNumber out;
    out.digits = std::string(digits);
    const std::string_view prefix = digits.substr(0, 3);
    if (auto province = LookUpProvinceCode(prefix)) {
        out.province = *province;
        out.province_known = province->in_pre_merger_table || province->in_post_merger_table;
        if (province->abroad) {
            out.unverified = true;
            out.warnings.push_back(fmt::format(
                "prefix {}: a birth registered abroad; which country each code names is unverified", prefix));
        } else if (!province->in_pre_merger_table) {
            out.unverified = true;
            out.warnings.push_back(fmt::format(
                "prefix {}: only in the post-merger list of 2025; whether numbers are issued with it is unverified",
                prefix));
        }
    } else {
        out.province.code = std::string(prefix);
        out.warnings.push_back(fmt::format("prefix {}: not a known province code", prefix));
    }
    out.century_sex_digit = digits[3] - '0';
    out.sex = out.century_sex_digit % 2 == 0 ? 'M' : 'F';
    const int century = 19 + out.century_sex_digit / 2;
    const int yy = DigitsValue(digits.substr(4, 2));
    out.birth_year = century * 100 + yy;
    out.serial = std::string(digits.substr(6));
    if (dob_year) {
        const bool century_ok = *dob_year / 100 == century;
        out.checks.push_back(
            {"century", century_ok,
             fmt::format("the number says {}00-{}99, the date of birth {}", century, century, *dob_year)});
        const bool year_ok = *dob_year % 100 == yy;
        out.checks.push_back(
            {"birth_year", year_ok, fmt::format("the number says year {:02d}, the date of birth {}", yy, *dob_year)});
    }
    return out;
}

std::string MaskPersonalNumber(std::string_view number) {
    if (number.size() < 8) return std::string(number.size(), '*');
    std::string out(number);
    for (std::size_t i = 3; i + 4 < out.size(); ++i) out[i] = '*';
    return out;
}

}  // namespace precinct::identity
