#include "precinct/vision/plate_grammar.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <tuple>
#include <vector>

namespace precinct::vision {
namespace {

// ---------------------------------------------------------------------------------------------------------------
// Locality codes (spec §6). One row per assigned code: the province from 1 Jul 2025 (Circular 51/2025 Appendix 02)
// and the one of the 63 provinces until 30 Jun 2025. Codes 10, 13, 42, 44, 45, 46, 87, 91, 96 are unassigned and
// refused (⚠ unverified: 13 was used historically and some third-party validators still accept 13 or 42).

constexpr std::string_view kCentral = "Cục Cảnh sát giao thông";

struct LocalityRow {
    int code;
    std::string_view now;
    std::string_view before;
};

constexpr std::array kLocalities = {
    LocalityRow{11, "Cao Bằng", "Cao Bằng"},
    LocalityRow{12, "Lạng Sơn", "Lạng Sơn"},
    LocalityRow{14, "Quảng Ninh", "Quảng Ninh"},
    LocalityRow{15, "Hải Phòng", "Hải Phòng"},
    LocalityRow{16, "Hải Phòng", "Hải Phòng"},
    LocalityRow{17, "Hưng Yên", "Thái Bình"},
    LocalityRow{18, "Ninh Bình", "Nam Định"},
    LocalityRow{19, "Phú Thọ", "Phú Thọ"},
    LocalityRow{20, "Thái Nguyên", "Thái Nguyên"},
    LocalityRow{21, "Lào Cai", "Yên Bái"},
    LocalityRow{22, "Tuyên Quang", "Tuyên Quang"},
    LocalityRow{23, "Tuyên Quang", "Hà Giang"},
    LocalityRow{24, "Lào Cai", "Lào Cai"},
    LocalityRow{25, "Lai Châu", "Lai Châu"},
    LocalityRow{26, "Sơn La", "Sơn La"},
    LocalityRow{27, "Điện Biên", "Điện Biên"},
    LocalityRow{28, "Phú Thọ", "Hòa Bình"},
    LocalityRow{29, "Hà Nội", "Hà Nội"},
    LocalityRow{30, "Hà Nội", "Hà Nội"},
    LocalityRow{31, "Hà Nội", "Hà Nội"},
    LocalityRow{32, "Hà Nội", "Hà Nội"},
    LocalityRow{33, "Hà Nội", "Hà Nội"},  // former Hà Tây
    LocalityRow{34, "Hải Phòng", "Hải Dương"},
    LocalityRow{35, "Ninh Bình", "Ninh Bình"},
    LocalityRow{36, "Thanh Hóa", "Thanh Hóa"},
    LocalityRow{37, "Nghệ An", "Nghệ An"},
    LocalityRow{38, "Hà Tĩnh", "Hà Tĩnh"},
    LocalityRow{39, "Đồng Nai", "Đồng Nai"},
    LocalityRow{40, "Hà Nội", "Hà Nội"},
    LocalityRow{41, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{43, "Đà Nẵng", "Đà Nẵng"},
    LocalityRow{47, "Đắk Lắk", "Đắk Lắk"},
    LocalityRow{48, "Lâm Đồng", "Đắk Nông"},
    LocalityRow{49, "Lâm Đồng", "Lâm Đồng"},
    LocalityRow{50, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{51, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{52, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{53, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{54, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{55, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{56, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{57, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{58, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{59, "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
    LocalityRow{60, "Đồng Nai", "Đồng Nai"},
    LocalityRow{61, "TP. Hồ Chí Minh", "Bình Dương"},
    LocalityRow{62, "Tây Ninh", "Long An"},
    LocalityRow{63, "Đồng Tháp", "Tiền Giang"},
    LocalityRow{64, "Vĩnh Long", "Vĩnh Long"},
    LocalityRow{65, "Cần Thơ", "Cần Thơ"},
    LocalityRow{66, "Đồng Tháp", "Đồng Tháp"},
    LocalityRow{67, "An Giang", "An Giang"},
    LocalityRow{68, "An Giang", "Kiên Giang"},
    LocalityRow{69, "Cà Mau", "Cà Mau"},
    LocalityRow{70, "Tây Ninh", "Tây Ninh"},
    LocalityRow{71, "Vĩnh Long", "Bến Tre"},
    LocalityRow{72, "TP. Hồ Chí Minh", "Bà Rịa – Vũng Tàu"},
    LocalityRow{73, "Quảng Trị", "Quảng Bình"},
    LocalityRow{74, "Quảng Trị", "Quảng Trị"},
    LocalityRow{75, "Huế", "Thừa Thiên Huế"},
    LocalityRow{76, "Quảng Ngãi", "Quảng Ngãi"},
    LocalityRow{77, "Gia Lai", "Bình Định"},
    LocalityRow{78, "Đắk Lắk", "Phú Yên"},
    LocalityRow{79, "Khánh Hòa", "Khánh Hòa"},
    LocalityRow{80, kCentral, kCentral},
    LocalityRow{81, "Gia Lai", "Gia Lai"},
    LocalityRow{82, "Quảng Ngãi", "Kon Tum"},
    LocalityRow{83, "Cần Thơ", "Sóc Trăng"},
    LocalityRow{84, "Vĩnh Long", "Trà Vinh"},
    LocalityRow{85, "Khánh Hòa", "Ninh Thuận"},
    LocalityRow{86, "Lâm Đồng", "Bình Thuận"},
    LocalityRow{88, "Phú Thọ", "Vĩnh Phúc"},
    LocalityRow{89, "Hưng Yên", "Hưng Yên"},
    LocalityRow{90, "Ninh Bình", "Hà Nam"},
    LocalityRow{92, "Đà Nẵng", "Quảng Nam"},
    LocalityRow{93, "Đồng Nai", "Bình Phước"},
    LocalityRow{94, "Cà Mau", "Bạc Liêu"},
    LocalityRow{95, "Cần Thơ", "Hậu Giang"},
    LocalityRow{97, "Thái Nguyên", "Bắc Kạn"},
    LocalityRow{98, "Bắc Ninh", "Bắc Giang"},
    LocalityRow{99, "Bắc Ninh", "Bắc Ninh"},
};

const LocalityRow* FindLocality(std::string_view code) {
    if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return nullptr;
    const int value = (code[0] - '0') * 10 + (code[1] - '0');
    for (const auto& row : kLocalities) {
        if (row.code == value) return &row;
    }
    return nullptr;
}

// ---------------------------------------------------------------------------------------------------------------
// Characters and look-alikes.

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Bit index of a plate character: digits 0-9, letters 10-35.
int CharBit(char c) {
    if (IsDigit(c)) return c - '0';
    if (IsUpper(c)) return 10 + (c - 'A');
    return -1;
}

using Mask = std::uint64_t;

Mask MaskOf(std::string_view chars) {
    Mask mask = 0;
    for (char c : chars) {
        const int bit = CharBit(c);
        if (bit >= 0) mask |= Mask{1} << bit;
    }
    return mask;
}

bool InMask(Mask mask, char c) {
    const int bit = CharBit(c);
    return bit >= 0 && (mask & (Mask{1} << bit)) != 0;
}

// The 20 letters of ordinary series (spec §3): no I, J, O, Q, R, W.
constexpr std::string_view kSeriesLetters = "ABCDEFGHKLMNPSTUVXYZ";
// The first letter of a motorbike's letter + digit series: the same, and R (⚠ seen on real plates, not in the spec).
constexpr std::string_view kMotorbikeSeriesLetters = "ABCDEFGHKLMNPRSTUVXYZ";
constexpr std::string_view kDigits = "0123456789";

// The digit a letter is misread for, where the grammar needs a digit; 0 when none. T is a series letter, but in a
// digit slot it can only be a 1 whose flag blurred into a bar (7 keeps its slanted stem), so T -> 1 is sensible
// there; it never applies where the layout wants a letter, so a correct "51T-..." read pays nothing.
char DigitLookAlike(char c) {
    switch (c) {
        case 'O':
        case 'D':
        case 'Q': return '0';
        case 'I':
        case 'L':
        case 'T': return '1';
        case 'Z': return '2';
        case 'S': return '5';
        case 'G': return '6';
        case 'B': return '8';
        case 'A': return '4';
        default: return 0;
    }
}

// The letter a character is misread for, where the grammar needs a letter; 0 when none. '1' and 'I' map to T:
// I is no series letter, and of the series letters T is the one whose stem and top bar a blurred 1 resembles
// (L would need the foot, which a recognizer rarely invents). O and Q are no series letters and read as D; W is
// none either and is the recognizers' usual confusion for M.
char LetterLookAlike(char c) {
    switch (c) {
        case '0':
        case 'O':
        case 'Q': return 'D';
        case '1':
        case 'I': return 'T';
        case '2': return 'Z';
        case '4': return 'A';
        case '5': return 'S';
        case '6': return 'G';
        case '8': return 'B';
        case 'W': return 'M';
        default: return 0;
    }
}

char KeyClass(char c) {
    switch (c) {
        case 'O':
        case 'D':
        case 'Q': return '0';
        case 'I':
        case 'L': return '1';
        case 'Z': return '2';
        case 'S': return '5';
        case 'B': return '8';
        case 'G': return '6';
        case 'A': return '4';
        default: return c;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Layouts. A layout is a sequence of character slots, each a digit, letter or exact slot with the characters
// allowed there, and the spans of the plate's fields over the slots.

// kExact slots take their character only, with no look-alike correction.
enum class SlotType : std::uint8_t { kDigit, kLetter, kExact };

struct Slot {
    SlotType type;
    Mask allowed;
};

struct Span {
    std::size_t at = 0;
    std::size_t length = 0;
};

struct Layout {
    PlateKind kind = PlateKind::kCar;
    int rows = 1;  // rows as printed; 0 = printed on one or two rows, the split is taken from the read
    std::vector<Slot> slots;
    std::size_t top_length = 0;  // two-row layouts: characters on the top row
    Span prefix;                 // temporary plates: the leading T
    Span locality;
    Span country;
    Span series;
    Span number;
};

enum class Field { kPrefix, kLocality, kCountry, kSeries, kNumber };

// Appends slots field by field; consecutive additions to one field extend its span.
class LayoutBuilder {
public:
    LayoutBuilder(PlateKind kind, int rows) {
        layout_.kind = kind;
        layout_.rows = rows;
    }
    LayoutBuilder& Add(Field field, std::initializer_list<Slot> slots) {
        Span& span = SpanOf(field);
        if (span.length == 0) span.at = layout_.slots.size();
        span.length += slots.size();
        layout_.slots.insert(layout_.slots.end(), slots.begin(), slots.end());
        return *this;
    }
    LayoutBuilder& Digits(Field field, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) Add(field, {Slot{SlotType::kDigit, MaskOf(kDigits)}});
        return *this;
    }
    // A fixed run of letters, e.g. the series "NG".
    LayoutBuilder& Fixed(Field field, std::string_view letters) {
        for (char c : letters) Add(field, {Slot{SlotType::kLetter, MaskOf(std::string_view(&c, 1))}});
        return *this;
    }
    Layout Build() {
        // Two-row layouts print locality and series on the top row, the order number below.
        if (layout_.rows == 2) layout_.top_length = layout_.number.at;
        return layout_;
    }

private:
    Span& SpanOf(Field field) {
        switch (field) {
            case Field::kPrefix: return layout_.prefix;
            case Field::kLocality: return layout_.locality;
            case Field::kCountry: return layout_.country;
            case Field::kSeries: return layout_.series;
            case Field::kNumber: break;
        }
        return layout_.number;
    }

    Layout layout_;
};

Slot Letter(std::string_view allowed) { return Slot{SlotType::kLetter, MaskOf(allowed)}; }
Slot DigitOneToNine() { return Slot{SlotType::kDigit, MaskOf("123456789")}; }

// Two-letter car series reserved for special owners (spec §5; ⚠ unverified against the Circular 79/2024
// appendix): LD foreign-invested, DA foreign-invested projects, KT military enterprises, MK tractors, TĐ pilot
// domestic assembly, HC restricted range, CD police special-use machines, MĐ as the spec's permissive car regex
// lists it (⚠ whether cars carry MĐ is unverified).
constexpr std::array<std::string_view, 8> kCarSpecialSeries = {"LD", "DA", "KT", "MK", "TD", "HC", "CD", "MD"};

// Diplomatic and foreign series (spec §4, §5).
constexpr std::array<std::string_view, 4> kDiplomaticSeries = {"NG", "QT", "CV", "NN"};

std::vector<Layout> BuildLayouts() {
    std::vector<Layout> layouts;
    // Cars, one row NNL-NNN.NN or two rows NNL / NNN.NN; 5-digit orders and the old 4-digit ones.
    for (int rows : {1, 2}) {
        for (std::size_t digits : {5U, 4U}) {
            LayoutBuilder plain(PlateKind::kCar, rows);
            plain.Digits(Field::kLocality, 2)
                .Add(Field::kSeries, {Letter(kSeriesLetters)})
                .Digits(Field::kNumber, digits);
            layouts.push_back(plain.Build());
            for (std::string_view series : kCarSpecialSeries) {
                LayoutBuilder special(PlateKind::kCar, rows);
                special.Digits(Field::kLocality, 2).Fixed(Field::kSeries, series).Digits(Field::kNumber, digits);
                layouts.push_back(special.Build());
            }
        }
    }
    // Trailers and semi-trailers: series R (spec §5, e.g. 51R-141.39).
    for (int rows : {1, 2}) {
        for (std::size_t digits : {5U, 4U}) {
            LayoutBuilder trailer(PlateKind::kTrailer, rows);
            trailer.Digits(Field::kLocality, 2).Add(Field::kSeries, {Letter("R")}).Digits(Field::kNumber, digits);
            layouts.push_back(trailer.Build());
        }
    }
    // Diplomatic / international / official staff / foreign: NN[-CCC]-SS-N{2,5} (spec §2 regex, example
    // 80-011-NG-01). ⚠ The country-code blocks and whether two-row diplomatic plates split after the series are
    // unverified; any split of the read is accepted.
    for (std::string_view series : kDiplomaticSeries) {
        for (bool with_country : {true, false}) {
            for (std::size_t digits : {5U, 4U, 3U, 2U}) {
                LayoutBuilder diplomatic(PlateKind::kDiplomatic, 0);
                diplomatic.Digits(Field::kLocality, 2);
                if (with_country) diplomatic.Digits(Field::kCountry, 3);
                diplomatic.Fixed(Field::kSeries, series);
                layouts.push_back(diplomatic.Digits(Field::kNumber, digits).Build());
            }
        }
    }
    // Temporary registration, older style T NN NNNNN (⚠ unverified in the spec; newer temporary registrations may
    // be paper or electronic only).
    {
        LayoutBuilder temporary(PlateKind::kTemporary, 0);
        // The prefix T is taken only as read: with 1 -> T allowed, every plate of Lạng Sơn or Cao Bằng (12-, 11-)
        // with a noisy locality would also spell a temporary plate.
        temporary.Add(Field::kPrefix, {Slot{SlotType::kExact, MaskOf("T")}})
            .Digits(Field::kLocality, 2)
            .Digits(Field::kNumber, 5);
        layouts.push_back(temporary.Build());
    }
    // Motorbikes, two rows NN-XX / NNN.NN (spec §2; ⚠ the series are field patterns, not allocation rules):
    // letter + digit 1-9, two series letters, and MĐ + digit for electric motorbikes (5-digit orders only, as the
    // series is recent). The letter of a letter + digit series may also be R: the spec reserves R for trailers as
    // a car series only, and real motorbike plates such as 54-R3 958.7 exist (seen in the labelled plate crops).
    for (std::size_t digits : {5U, 4U}) {
        LayoutBuilder letter_digit(PlateKind::kMotorbike, 2);
        letter_digit.Digits(Field::kLocality, 2)
            .Add(Field::kSeries, {Letter(kMotorbikeSeriesLetters), DigitOneToNine()})
            .Digits(Field::kNumber, digits);
        layouts.push_back(letter_digit.Build());
        LayoutBuilder two_letters(PlateKind::kMotorbike, 2);
        two_letters.Digits(Field::kLocality, 2)
            .Add(Field::kSeries, {Letter(kSeriesLetters), Letter(kSeriesLetters)})
            .Digits(Field::kNumber, digits);
        layouts.push_back(two_letters.Build());
    }
    {
        LayoutBuilder electric(PlateKind::kMotorbike, 2);
        electric.Digits(Field::kLocality, 2)
            .Add(Field::kSeries, {Letter("M"), Letter("D"), DigitOneToNine()})
            .Digits(Field::kNumber, 5);
        layouts.push_back(electric.Build());
    }
    return layouts;
}

const std::vector<Layout>& Layouts() {
    static const std::vector<Layout> kLayouts = BuildLayouts();
    return kLayouts;
}

// A row of a plate is at most 12 characters (diplomatic with country code); longer reads are noise.
constexpr std::size_t kMaxRowLength = 16;

// Corrects `row`, less `lead` leading and `trail` trailing characters, into `slots`, appending the corrected
// characters to `out`. Returns the corrections spent (drops included), or -1 when the row does not fit within
// `budget` corrections.
int FitRow(std::string_view row, std::span<const Slot> slots, std::size_t lead, std::size_t trail, int budget,
           std::string& out) {
    if (row.size() != slots.size() + lead + trail) return -1;
    int cost = static_cast<int>(lead + trail);
    if (cost > budget) return -1;
    row = row.substr(lead, slots.size());
    for (std::size_t i = 0; i < slots.size(); ++i) {
        char c = row[i];
        if (!InMask(slots[i].allowed, c)) {
            char alike = 0;
            switch (slots[i].type) {
                case SlotType::kDigit: alike = DigitLookAlike(c); break;
                case SlotType::kLetter: alike = LetterLookAlike(c); break;
                case SlotType::kExact: break;
            }
            if (alike == 0 || !InMask(slots[i].allowed, alike)) return -1;
            if (++cost > budget) return -1;
            c = alike;
        }
        out.push_back(c);
    }
    return cost;
}

// One way a read fits a layout. Lower rank is better: fewest corrections, then a layout printed with the row
// count that was read, then 5-digit orders, then fewer dropped characters (a substitution explains a character
// the recognizer saw; a drop assumes it saw nothing); equal ranks keep the fit found first (layout order).
struct Fit {
    const Layout* layout = nullptr;
    std::string text;
    std::size_t top_length = 0;  // characters of `text` on the top row; 0 for a one-row plate
    int cost = 0;
    int row_mismatch = 0;
    int short_number = 0;
    int drops = 0;

    auto Rank() const { return std::tuple(cost, row_mismatch, short_number, drops); }
};

std::string_view Part(std::string_view text, Span span) { return text.substr(span.at, span.length); }

std::string PrintedOrder(std::string_view number) {
    if (number.size() != 5) return std::string(number);
    std::string out(number.substr(0, 3));
    out += '.';
    out += number.substr(3);
    return out;
}

// The series as printed: MĐ and TĐ carry the letter Đ, which normalization stored as D. ⚠ The spec does not say
// whether a plain two-letter series "MD" is ever issued; every MD/TD series is printed with Đ.
std::string PrintedSeries(std::string_view series) {
    if (series.starts_with("MD") || series == "TD") {
        std::string out(1, series[0]);
        out += "Đ";
        out += series.substr(2);
        return out;
    }
    return std::string(series);
}

std::string Display(const PlateText& plate) {
    switch (plate.kind) {
        case PlateKind::kDiplomatic: {
            std::string out = plate.locality + "-";
            if (!plate.country_code.empty()) out += plate.country_code + "-";
            return out + plate.series + "-" + PrintedOrder(plate.number);
        }
        case PlateKind::kTemporary: return "T" + plate.locality + "-" + PrintedOrder(plate.number);
        case PlateKind::kCar:
        case PlateKind::kMotorbike:
        case PlateKind::kTrailer: break;
    }
    return plate.locality + PrintedSeries(plate.series) + "-" + PrintedOrder(plate.number);
}

PlateText ToPlate(const Fit& fit, const LocalityRow& locality) {
    const Layout& layout = *fit.layout;
    PlateText plate;
    plate.text = fit.text;
    plate.kind = layout.kind;
    plate.locality = std::string(Part(fit.text, layout.locality));
    plate.series = layout.kind == PlateKind::kTemporary ? std::string(Part(fit.text, layout.prefix))
                                                        : std::string(Part(fit.text, layout.series));
    plate.number = std::string(Part(fit.text, layout.number));
    plate.country_code = std::string(Part(fit.text, layout.country));
    if (fit.top_length == 0) {
        plate.top_row = fit.text;
        plate.rows = 1;
    } else {
        plate.top_row = fit.text.substr(0, fit.top_length);
        plate.bottom_row = fit.text.substr(fit.top_length);
        plate.rows = 2;
    }
    plate.province = std::string(locality.now);
    plate.province_before_2025 = std::string(locality.before);
    plate.corrections = fit.cost;
    plate.display = Display(plate);
    return plate;
}

std::string Normalize(std::string_view raw, bool keep_wildcards) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto byte = static_cast<unsigned char>(raw[i]);
        // "Đ" is C4 90 and "đ" is C4 91 in UTF-8.
        if (byte == 0xC4 && i + 1 < raw.size()) {
            const auto next = static_cast<unsigned char>(raw[i + 1]);
            if (next == 0x90 || next == 0x91) {
                out.push_back('D');
                ++i;
                continue;
            }
        }
        const char c = raw[i];
        const bool wildcard = keep_wildcards && (c == '?' || (c == '*' && (out.empty() || out.back() != '*')));
        if (c >= 'a' && c <= 'z') {
            out.push_back(static_cast<char>(c - 'a' + 'A'));
        } else if (IsDigit(c) || IsUpper(c) || wildcard) {
            out.push_back(c);
        }
    }
    return out;
}

bool SameChar(char pattern_char, char text_char, bool look_alike) {
    if (pattern_char == '?') return true;
    if (look_alike) return KeyClass(pattern_char) == KeyClass(text_char);
    return pattern_char == text_char;
}

// Glob match of a normalized pattern ('*', '?') over normalized text; linear backtracking on the last '*'.
bool Glob(std::string_view pattern, std::string_view text, bool look_alike) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t star_text = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_text = t;
        } else if (p < pattern.size() && SameChar(pattern[p], text[t], look_alike)) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++star_text;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace

std::string_view PlateKindName(PlateKind kind) {
    switch (kind) {
        case PlateKind::kCar: return "car";
        case PlateKind::kMotorbike: return "motorbike";
        case PlateKind::kTrailer: return "trailer";
        case PlateKind::kDiplomatic: return "diplomatic";
        case PlateKind::kTemporary: return "temporary";
    }
    return "car";
}

std::string NormalizePlateText(std::string_view raw) { return Normalize(raw, false); }

std::optional<PlateText> ReadPlate(std::string_view top, std::string_view bottom) {
    std::string first = NormalizePlateText(top);
    std::string second = NormalizePlateText(bottom);
    if (first.empty()) std::swap(first, second);
    if (first.empty() || first.size() > kMaxRowLength || second.size() > kMaxRowLength) return std::nullopt;
    const int input_rows = second.empty() ? 1 : 2;

    std::optional<Fit> best;
    const LocalityRow* best_locality = nullptr;
    auto consider = [&](const Layout& layout, int cost, std::string text, std::size_t top_length) {
        const LocalityRow* locality = FindLocality(Part(text, layout.locality));
        if (locality == nullptr) return;
        const int drops = static_cast<int>(first.size() + second.size() - text.size());
        Fit fit{&layout,
                std::move(text),
                top_length,
                cost,
                layout.rows != 0 && layout.rows != input_rows ? 1 : 0,
                layout.number.length == 5 ? 0 : 1,
                drops};
        if (!best || fit.Rank() < best->Rank()) {
            best = std::move(fit);
            best_locality = locality;
        }
    };

    for (const Layout& layout : Layouts()) {
        const std::span<const Slot> slots(layout.slots);
        if (input_rows == 1) {
            for (std::size_t lead : {0U, 1U}) {
                for (std::size_t trail : {0U, 1U}) {
                    std::string text;
                    const int cost = FitRow(first, slots, lead, trail, kMaxPlateCorrections, text);
                    if (cost >= 0) consider(layout, cost, std::move(text), layout.rows == 2 ? layout.top_length : 0);
                }
            }
            continue;
        }
        if (layout.rows == 1) continue;
        // Two rows read: a two-row layout splits where it prints; a layout printed either way splits where the
        // recognizer did.
        const std::size_t lowest = layout.rows == 2 ? layout.top_length : 1;
        const std::size_t highest = layout.rows == 2 ? layout.top_length : slots.size() - 1;
        for (std::size_t split = lowest; split <= highest; ++split) {
            for (std::size_t lead : {0U, 1U}) {
                for (std::size_t trail : {0U, 1U}) {
                    std::string top_text;
                    const int top_cost = FitRow(first, slots.first(split), lead, trail, kMaxPlateCorrections, top_text);
                    if (top_cost < 0) continue;
                    for (std::size_t bottom_lead : {0U, 1U}) {
                        for (std::size_t bottom_trail : {0U, 1U}) {
                            std::string text = top_text;
                            const int bottom_cost = FitRow(second, slots.subspan(split), bottom_lead, bottom_trail,
                                                           kMaxPlateCorrections - top_cost, text);
                            if (bottom_cost >= 0) consider(layout, top_cost + bottom_cost, std::move(text), split);
                        }
                    }
                }
            }
        }
    }
    if (!best) return std::nullopt;
    return ToPlate(*best, *best_locality);
}

std::optional<Locality> LookUpLocality(std::string_view code) {
    const LocalityRow* row = FindLocality(code);
    if (row == nullptr) return std::nullopt;
    return Locality{std::string(row->now), std::string(row->before)};
}

std::string LookAlikeKey(std::string_view text) {
    std::string key = NormalizePlateText(text);
    for (char& c : key) c = KeyClass(c);
    return key;
}

Result<std::string> ValidatePlatePattern(std::string_view pattern) {
    const auto too_long = [] {
        return Fail(ErrorCode::kInvalidArgument,
                    "Mẫu biển số dài quá 32 ký tự. / The plate pattern is longer than 32 characters.", "pattern");
    };
    // Raw input far beyond any plate is refused before normalization spends work on it.
    constexpr std::size_t kMaxRawPattern = 256;
    if (pattern.size() > kMaxRawPattern) return too_long();
    const std::string normalized = Normalize(pattern, true);
    if (pattern.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return Fail(ErrorCode::kInvalidArgument, "Mẫu biển số để trống. / The plate pattern is empty.", "pattern");
    }
    if (normalized.size() > kMaxPlatePatternLength) return too_long();
    if (normalized.find_first_not_of("*?") == std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument,
                    "Mẫu biển số không có chữ hoặc số nào. / The plate pattern has no plate character (0-9, A-Z).",
                    "pattern");
    }
    return normalized;
}

bool MatchesPlatePattern(std::string_view pattern, std::string_view plate_text, bool look_alike) {
    const auto normalized = ValidatePlatePattern(pattern);
    if (!normalized) return false;
    return Glob(*normalized, NormalizePlateText(plate_text), look_alike);
}

}  // namespace precinct::vision
