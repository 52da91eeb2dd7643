// Fields of Vietnamese administrative documents from OCR text: a line-and-word view of the text with folded words
// and byte offsets (query.hpp's SplitWords), then one small reader per field. See fields.hpp.
#include "fields.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "query.hpp"
#include "text/fold.hpp"
#include "text/normalize.hpp"

namespace precinct::digitize {
namespace {

constexpr std::size_t kMaxScanBytes = std::size_t{64} * 1024;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
// The header (issuer, number, date, title) is near the top: lines after this many are not searched for it.
constexpr std::size_t kMaxHeaderLines = 60;
// A place name in "<place>, ngày ..." has at most this many words ("Thành phố Hồ Chí Minh" has five).
constexpr std::size_t kMaxPlaceWords = 6;
// "Hôm nay, hồi 09 giờ 30 phút, ngày 05 tháng 3 năm 2024": the date starts within this many words of "Hôm nay".
constexpr std::size_t kMaxWordsToDate = 25;

using Tokens = std::vector<std::string>;

// --- UTF-8 and letter case ---

// Decodes the character at text[pos] leniently (case detection only): an invalid byte is U+FFFD, length 1.
std::size_t Decode(std::string_view text, std::size_t pos, char32_t& cp) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
        cp = lead;
        return 1;
    }
    const std::size_t len = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    cp = 0xFFFD;
    if (len == 0 || pos + len > text.size()) return 1;
    char32_t value = lead & (0x7Fu >> len);
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(text[pos + i]);
        if ((b & 0xC0) != 0x80) return 1;
        value = (value << 6) | (b & 0x3Fu);
    }
    cp = value;
    return len;
}

// Upper and lower case for the Latin letters Vietnamese uses (ASCII, Latin-1, Latin Extended-A, Ơ/Ư, and the
// Latin Extended Additional block, where upper and lower case alternate). Anything else is neither.
bool IsUpper(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 0;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1;
    if (c == 0x178 || c == 0x1A0 || c == 0x1AF) return true;
    if ((c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF)) return c % 2 == 0;
    return false;
}

bool IsLower(char32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z';
    if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 0;
    if (c == 0x138 || c == 0x149 || c == 0x17F || c == 0x1A1 || c == 0x1B0) return true;
    if ((c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF)) return c % 2 == 1;
    return false;
}

bool IsDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsLineBreak(char c) { return c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Characters that print as a dash in document symbols: hyphen-minus, the Unicode hyphens and dashes, minus sign.
std::size_t DashLength(std::string_view text, std::size_t pos) {
    if (text[pos] == '-') return 1;
    char32_t cp = 0;
    const std::size_t len = Decode(text, pos, cp);
    return ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) ? len : 0;
}

// Invisible characters OCR engines leave inside words: soft hyphen, zero-width space/joiners, word joiner, BOM.
bool IsInvisible(char32_t cp) { return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF; }

// NFC of `raw` with each run of blanks as one space, invisible characters dropped and, when `fix_eth`, the
// look-alike Ð/ð (U+00D0/U+00F0, often produced by OCR and keyboards) turned into the Vietnamese Đ/đ.
std::string Clean(std::string_view raw, bool fix_eth) {
    std::string out;
    std::size_t pos = 0;
    while (pos < raw.size()) {
        char32_t cp = 0;
        const std::size_t len = Decode(raw, pos, cp);
        if (IsBlank(raw[pos]) || IsLineBreak(raw[pos])) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else if (fix_eth && cp == 0x00D0) {
            out += "Đ";
        } else if (fix_eth && cp == 0x00F0) {
            out += "đ";
        } else if (!IsInvisible(cp)) {
            out.append(raw.substr(pos, len));
        }
        pos += len;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return text::Nfc(out);
}

// --- Document types ---

const std::vector<DocTypeInfo>& BuildDocTypes() {
    static const std::vector<DocTypeInfo> kTypes = {
        {"quyet_dinh", "Quyết định", "Decision", {"QĐ"}},
        {"cong_van", "Công văn", "Official letter", {}},
        {"thong_bao", "Thông báo", "Notice", {"TB"}},
        {"bien_ban", "Biên bản", "Minutes", {"BB"}},
        {"ke_hoach", "Kế hoạch", "Plan", {"KH"}},
        {"bao_cao", "Báo cáo", "Report", {"BC"}},
        {"to_trinh", "Tờ trình", "Submission", {"TTr"}},
        {"giay_moi", "Giấy mời", "Invitation", {"GM"}},
        {"cong_dien", "Công điện", "Official dispatch", {"CĐ"}},
        {"huong_dan", "Hướng dẫn", "Guidance", {"HD"}},
        {"chi_thi", "Chỉ thị", "Directive", {"CT"}},
        {"nghi_quyet", "Nghị quyết", "Resolution", {"NQ", "NQLT"}},
        {"nghi_dinh", "Nghị định", "Decree", {"NĐ"}},
        {"thong_tu", "Thông tư", "Circular", {"TT", "TTLT"}},
        {"quy_dinh", "Quy định", "Regulation", {"QyĐ"}},
        {"quy_che", "Quy chế", "Rules", {"QC"}},
        {"luat", "Luật", "Law", {}},
        {"phap_lenh", "Pháp lệnh", "Ordinance", {"PL"}},
        {"lenh", "Lệnh", "Order", {"L"}},
        // GTT is the abbreviation in use on police summonses; it is not in Decree 30's table.
        {"giay_trieu_tap", "Giấy triệu tập", "Summons", {"GTT"}},
        {"don", "Đơn", "Petition", {}},
        {"chuong_trinh", "Chương trình", "Programme", {"CTr"}},
        {"phuong_an", "Phương án", "Contingency plan", {"PA"}},
        {"de_an", "Đề án", "Scheme", {"ĐA"}},
        {"du_an", "Dự án", "Project", {"DA"}},
        {"hop_dong", "Hợp đồng", "Contract", {"HĐ"}},
        {"thong_cao", "Thông cáo", "Communiqué", {"TC"}},
        {"giay_gioi_thieu", "Giấy giới thiệu", "Letter of introduction", {"GGT"}},
        {"giay_uy_quyen", "Giấy ủy quyền", "Power of attorney", {"GUQ"}},
        {"giay_nghi_phep", "Giấy nghỉ phép", "Leave permit", {"GNP"}},
        {"ban_ghi_nho", "Bản ghi nhớ", "Memorandum of understanding", {"GN"}},
        {"ban_thoa_thuan", "Bản thỏa thuận", "Agreement", {"TTh"}},
        {"phieu_gui", "Phiếu gửi", "Transmittal slip", {"PG"}},
        {"phieu_chuyen", "Phiếu chuyển", "Forwarding slip", {"PC"}},
        {"phieu_bao", "Phiếu báo", "Notification slip", {"PB"}},
    };
    return kTypes;
}

// The folded name tokens of every type, longest first, so that a name beginning with another one always wins.
struct TypeName {
    const DocTypeInfo* type = nullptr;
    Tokens tokens;
};

const std::vector<TypeName>& TypeNames() {
    static const std::vector<TypeName> kNames = [] {
        std::vector<TypeName> out;
        for (const DocTypeInfo& t : BuildDocTypes()) out.push_back({&t, text::Tokens(text::FoldVietnamese(t.name_vi))});
        std::stable_sort(out.begin(), out.end(),
                         [](const TypeName& a, const TypeName& b) { return a.tokens.size() > b.tokens.size(); });
        return out;
    }();
    return kNames;
}

// The type whose symbol abbreviation is `segment`: an exact match first ("HĐ" hợp đồng, "HD" hướng dẫn), then a
// match of the folded forms, for OCR that lost the stroke of Đ or the case ("QD", "Ttr"); nullptr if none.
const DocTypeInfo* TypeOfAbbreviation(std::string_view segment) {
    for (const DocTypeInfo& t : BuildDocTypes()) {
        for (const std::string& a : t.abbreviations) {
            if (a == segment) return &t;
        }
    }
    const std::string folded = text::FoldVietnamese(segment);
    for (const DocTypeInfo& t : BuildDocTypes()) {
        for (const std::string& a : t.abbreviations) {
            if (text::FoldVietnamese(a) == folded) return &t;
        }
    }
    return nullptr;
}

// --- The page: words and lines ---

struct Line {
    std::size_t begin = 0;  // bytes
    std::size_t end = 0;
    std::size_t first_word = 0;  // words [first_word, end_word)
    std::size_t end_word = 0;
};

class Page {
public:
    explicit Page(std::string_view text) : text_(text), words_(SplitWords(text)) {
        std::size_t w = 0;
        std::size_t pos = 0;
        while (pos <= text_.size()) {
            std::size_t end = pos;
            while (end < text_.size() && !IsLineBreak(text_[end])) ++end;
            Line line{pos, end, w, w};
            while (w < words_.size() && words_[w].end <= end) ++w;
            line.end_word = w;
            if (line.end_word > line.first_word) {
                for (std::size_t i = line.first_word; i < line.end_word; ++i) word_line_.push_back(lines_.size());
                lines_.push_back(line);
            }
            pos = end + 1;
        }
    }

    std::string_view text() const { return text_; }
    const std::vector<TextWord>& words() const { return words_; }
    const std::vector<Line>& lines() const { return lines_; }
    const TextWord& word(std::size_t i) const { return words_[i]; }
    const std::string& folded(std::size_t i) const { return words_[i].folded; }
    std::size_t LineOfWord(std::size_t i) const { return word_line_[i]; }
    std::string_view Slice(std::size_t begin, std::size_t end) const { return text_.substr(begin, end - begin); }
    std::string_view WordText(std::size_t i) const { return Slice(words_[i].begin, words_[i].end); }

    // Whether words [i, i + tokens.size()) are on line `line` and fold to `tokens`.
    bool Matches(std::size_t line, std::size_t i, const Tokens& tokens) const {
        if (i + tokens.size() > lines_[line].end_word) return false;
        for (std::size_t k = 0; k < tokens.size(); ++k) {
            if (words_[i + k].folded != tokens[k]) return false;
        }
        return true;
    }
    bool LineStartsWith(std::size_t line, const Tokens& tokens) const {
        return Matches(line, lines_[line].first_word, tokens);
    }

    // The word that starts exactly at byte `pos`, or kNone.
    std::size_t WordStartingAt(std::size_t pos) const {
        const auto it = std::lower_bound(words_.begin(), words_.end(), pos,
                                         [](const TextWord& w, std::size_t p) { return w.begin < p; });
        return (it != words_.end() && it->begin == pos) ? static_cast<std::size_t>(it - words_.begin()) : kNone;
    }

    // Upper- and lower-case letters in words [first, end).
    std::pair<std::size_t, std::size_t> LetterCase(std::size_t first, std::size_t end) const {
        std::size_t upper = 0, lower = 0;
        for (std::size_t i = first; i < end; ++i) {
            for (std::size_t pos = words_[i].begin; pos < words_[i].end;) {
                char32_t cp = 0;
                pos += Decode(text_, pos, cp);
                if (IsUpper(cp)) ++upper;
                if (IsLower(cp)) ++lower;
            }
        }
        return {upper, lower};
    }
    // Mostly upper case: at least two capitals and at most one lower-case letter in eight (OCR slips).
    bool IsUpperCase(std::size_t first, std::size_t end) const {
        const auto [upper, lower] = LetterCase(first, end);
        return upper >= 2 && lower * 8 <= upper;
    }
    // The word's first letter is a capital.
    bool IsCapitalized(std::size_t i) const {
        for (std::size_t pos = words_[i].begin; pos < words_[i].end;) {
            char32_t cp = 0;
            pos += Decode(text_, pos, cp);
            if (IsUpper(cp)) return true;
            if (IsLower(cp)) return false;
        }
        return false;
    }

private:
    std::string_view text_;
    std::vector<TextWord> words_;
    std::vector<Line> lines_;
    std::vector<std::size_t> word_line_;
};

// --- The national motto and other header furniture ---

// Whether words [first, end) begin with the words of `phrase` (folded words separated by single spaces).
bool SpanBeginsWith(const Page& page, std::size_t first, std::size_t end, std::string_view phrase) {
    const Tokens tokens = text::Tokens(phrase);
    if (end - first < tokens.size()) return false;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (page.folded(first + k) != tokens[k]) return false;
    }
    return true;
}

const std::vector<Tokens>& Mottos() {
    static const std::vector<Tokens> kMottos = {
        {"cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"},
        {"doc", "lap", "tu", "do", "hanh", "phuc"},
        {"dang", "cong", "san", "viet", "nam"},  // the right-hand header of Party documents
    };
    return kMottos;
}

// Marks the words of `line` that belong to a motto, allowing one misread word in the longer ones.
std::vector<bool> MottoWords(const Page& page, std::size_t line) {
    const Line& l = page.lines()[line];
    std::vector<bool> motto(l.end_word - l.first_word, false);
    for (const Tokens& m : Mottos()) {
        const std::size_t allowed = m.size() >= 6 ? 1 : 0;
        for (std::size_t i = l.first_word; i + m.size() <= l.end_word; ++i) {
            std::size_t misses = 0;
            for (std::size_t k = 0; k < m.size() && misses <= allowed; ++k) {
                if (page.folded(i + k) != m[k]) ++misses;
            }
            if (misses <= allowed) {
                for (std::size_t k = 0; k < m.size(); ++k) motto[i - l.first_word + k] = true;
            }
        }
    }
    return motto;
}

// Urgency and secrecy marks stamped near the header; never part of the issuer.
bool IsMarking(const Page& page, std::size_t first, std::size_t end) {
    static constexpr auto kMarkings = std::to_array<std::string_view>(
        {"mat", "toi mat", "tuyet mat", "khan", "thuong khan", "hoa toc", "hoa toc hen gio"});
    return std::any_of(kMarkings.begin(), kMarkings.end(), [&](std::string_view m) {
        return SpanBeginsWith(page, first, end, m) && end - first == text::Tokens(m).size();
    });
}

// First words of the name of an organisation: a header line starting with one of these is a new body, not the
// wrapped end of the previous line ("ỦY BAN NHÂN DÂN" / "THÀNH PHỐ HÀ NỘI" is one body).
bool StartsOrganisation(const Page& page, std::size_t first, std::size_t end) {
    static constexpr auto kHeads = std::to_array<std::string_view>({
        "bo",        "cong an",   "uy ban",    "ubnd",      "ub",       "hdnd",      "hoi dong", "hoi lien hiep",
        "so",        "phong",     "cuc",       "tong cuc",  "chi cuc",  "vu",        "vien",     "ban",
        "chinh phu", "quoc hoi",  "toa an",    "tand",      "vksnd",    "co quan",   "doi",      "tram",
        "truong",    "trung tam", "van phong", "thanh tra", "cong ty",  "benh vien", "trai",     "hoc vien",
        "dang uy",   "dang bo",   "chi bo",    "tinh uy",   "thanh uy", "huyen uy",  "quan uy",  "mat tran",
        "doan",      "lien doan", "chu tich",  "thu tuong", "tap doan", "quan khu",
    });
    if (page.WordText(first) == "CA") return true;  // "CA TỈNH ...", but not "CÀ MAU"
    return std::any_of(kHeads.begin(), kHeads.end(),
                       [&](std::string_view head) { return SpanBeginsWith(page, first, end, head); });
}

// --- Number and symbol ---

struct Symbol {
    std::size_t line = kNone;
    std::size_t end = 0;                      // byte after the symbol
    std::string number;                       // cleaned, as returned
    std::vector<std::string> segments;        // the parts after the number, cleaned ("2023", "TT", "BCA")
    const DocTypeInfo* named_type = nullptr;  // "Luật" in "Luật số: ..."
};

// Parses "<digits>/<segment>[(/|-)<segment>...]" starting at byte `pos` (after "Số" and its colon). The number must
// be a whole word of digits, the first separator "/", and some segment must have a letter.
std::optional<Symbol> ParseSymbol(const Page& page, std::size_t pos) {
    const std::string_view text = page.text();
    std::size_t digits_end = pos;
    while (digits_end < text.size() && text[digits_end] >= '0' && text[digits_end] <= '9') ++digits_end;
    if (digits_end == pos) return std::nullopt;
    // The digits must not run on into letters ("123QĐ").
    const std::size_t next_word = page.WordStartingAt(digits_end);
    const auto word_has = [&](std::size_t p) {
        const auto& words = page.words();
        const auto it = std::upper_bound(words.begin(), words.end(), p,
                                         [](std::size_t b, const TextWord& w) { return b < w.begin; });
        return it != words.begin() && (it - 1)->begin <= p && p < (it - 1)->end;
    };
    if (next_word != kNone || word_has(digits_end)) return std::nullopt;

    Symbol symbol;
    symbol.number = std::string(text.substr(pos, digits_end - pos));
    std::size_t cursor = digits_end;
    bool has_letter = false;
    while (true) {
        std::size_t at = cursor;
        while (at < text.size() && IsBlank(text[at])) ++at;
        if (at >= text.size()) break;
        std::size_t sep_len = text[at] == '/' ? 1 : DashLength(text, at);
        if (sep_len == 0) break;
        const char sep = text[at] == '/' ? '/' : '-';
        if (symbol.segments.empty() && sep != '/') break;
        at += sep_len;
        while (at < text.size() && IsBlank(text[at])) ++at;
        const std::size_t w = page.WordStartingAt(at);
        if (w == kNone) break;
        std::string segment = Clean(page.WordText(w), true);
        has_letter = has_letter || !IsDigits(page.folded(w));
        symbol.number.push_back(sep);
        symbol.number += segment;
        symbol.segments.push_back(std::move(segment));
        cursor = page.word(w).end;
    }
    if (!has_letter) return std::nullopt;
    symbol.end = cursor;
    return symbol;
}

// The number line: the first header line that begins with "Số" (or a type name and "số:"), and its symbol.
std::optional<Symbol> FindSymbol(const Page& page, std::size_t header_end) {
    const std::string_view text = page.text();
    for (std::size_t line = 0; line < header_end; ++line) {
        std::size_t w = page.lines()[line].first_word;
        const DocTypeInfo* named = nullptr;
        for (const TypeName& name : TypeNames()) {
            if (page.Matches(line, w, name.tokens) && w + name.tokens.size() < page.lines()[line].end_word &&
                page.folded(w + name.tokens.size()) == "so") {
                named = name.type;
                w += name.tokens.size();
                break;
            }
        }
        const std::string& first = page.folded(w);
        std::size_t pos = kNone;
        if (first == "so") {
            pos = page.word(w).end;
            while (pos < text.size() && IsBlank(text[pos])) ++pos;
            const bool colon = pos < text.size() && (text[pos] == ':' || text[pos] == ';' || text[pos] == '.');
            if (colon) ++pos;
            while (pos < text.size() && IsBlank(text[pos])) ++pos;
            // "Luật số: 59/2020/QH14" has the colon; "Quyết định số 12/QĐ-UBND" without one cites another document.
            if (named != nullptr && !colon) pos = kNone;
        } else if (first.size() > 2 && first.starts_with("so") && IsDigits(first.substr(2))) {
            const std::string_view word = page.WordText(w);  // "Số123": the number is glued on
            pos = page.word(w).begin + word.find_first_of("0123456789");
        }
        if (pos == kNone) continue;
        if (auto symbol = ParseSymbol(page, pos)) {
            symbol->line = line;
            symbol->named_type = named;
            return symbol;
        }
    }
    return std::nullopt;
}

// --- Date and place ---

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    std::size_t last_word = 0;  // the year
};

bool ValidDate(const Date& d) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1900 || d.year > 2199 || d.month < 1 || d.month > 12 || d.day < 1) return false;
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    const int days = kDays[static_cast<std::size_t>(d.month - 1)] + (d.month == 2 && leap ? 1 : 0);
    return d.day <= days;
}

std::string IsoDate(const Date& d) {
    const auto two_digits = [](int v) {
        return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
    };
    return std::to_string(d.year) + "-" + two_digits(d.month) + "-" + two_digits(d.day);  // the year has 4 digits
}

int ToInt(std::string_view digits) {
    int value = 0;
    for (const char c : digits) value = value * 10 + (c - '0');
    return value;
}

// The date whose "ngày" is word `i`: "ngày D tháng M năm YYYY" or "ngày D/M/YYYY" (also with "." or "-").
std::optional<Date> DateAt(const Page& page, std::size_t i) {
    const auto& words = page.words();
    const auto digits = [&](std::size_t k, std::size_t min_len, std::size_t max_len) {
        return k < words.size() && IsDigits(words[k].folded) && words[k].folded.size() >= min_len &&
               words[k].folded.size() <= max_len;
    };
    if (page.folded(i) != "ngay" || !digits(i + 1, 1, 2)) return std::nullopt;
    Date date;
    date.day = ToInt(words[i + 1].folded);
    if (i + 5 < words.size() && words[i + 2].folded == "thang" && digits(i + 3, 1, 2) && words[i + 4].folded == "nam" &&
        digits(i + 5, 4, 4)) {
        date.month = ToInt(words[i + 3].folded);
        date.year = ToInt(words[i + 5].folded);
        date.last_word = i + 5;
    } else if (digits(i + 2, 1, 2) && digits(i + 3, 4, 4)) {
        const auto numeric_gap = [&](std::size_t a) {
            const std::string_view gap = page.Slice(words[a].end, words[a + 1].begin);
            const bool has_sep = gap.find_first_of("/.-") != std::string_view::npos;
            return has_sep && gap.find_first_not_of("/.- ") == std::string_view::npos;
        };
        if (!numeric_gap(i + 1) || !numeric_gap(i + 2)) return std::nullopt;
        date.month = ToInt(words[i + 2].folded);
        date.year = ToInt(words[i + 3].folded);
        date.last_word = i + 3;
    } else {
        return std::nullopt;
    }
    if (!ValidDate(date)) return std::nullopt;
    return date;
}

// Whether words [first, end) read as a place name: a few words, the first capitalized, the others capitalized,
// numbers, or the lower-case parts of unit names ("Thành phố Hồ Chí Minh", "Quận 1"); only spaces, "." and "-"
// between them.
bool IsPlace(const Page& page, std::size_t first, std::size_t end) {
    static const std::vector<std::string> kConnectors = {"pho", "xa", "thi", "tran", "huyen", "quan", "tinh", "phuong"};
    if (first >= end || end - first > kMaxPlaceWords || !page.IsCapitalized(first)) return false;
    for (std::size_t i = first; i < end; ++i) {
        const std::string& f = page.folded(i);
        const bool connector = std::find(kConnectors.begin(), kConnectors.end(), f) != kConnectors.end();
        if (!page.IsCapitalized(i) && !IsDigits(f) && !connector) return false;
        if (i + 1 < end) {
            const std::string_view gap = page.Slice(page.word(i).end, page.word(i + 1).begin);
            if (gap.find_first_not_of(" \t.-") != std::string_view::npos) return false;
        }
    }
    return true;
}

struct DatePlace {
    std::string date;
    std::string place;
};

// The document's date: the first header date (before the title and the body) that is alone on its line or follows
// "<place>," (after the symbol on an interleaved line); else the date of a "Hôm nay, ..." sentence (minutes).
std::optional<DatePlace> FindDate(const Page& page, std::size_t header_end, const std::optional<Symbol>& symbol) {
    const std::size_t count = page.words().size();
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t line = page.LineOfWord(i);
        if (line >= header_end) break;
        const auto date = DateAt(page, i);
        if (!date) continue;
        const Line& l = page.lines()[line];
        std::size_t prefix_begin = l.begin;
        if (symbol && symbol->line == line && symbol->end <= page.word(i).begin) prefix_begin = symbol->end;
        std::size_t first = i;
        while (first > l.first_word && page.word(first - 1).begin >= prefix_begin) --first;
        if (first == i) {
            // A line that is only the date (a wrapped "V/v ... số 12/QĐ-UBND" / "ngày ... của ..." is not).
            if (date->last_word + 1 == l.end_word) return DatePlace{IsoDate(*date), {}};
            continue;
        }
        std::string_view before = page.Slice(page.word(i - 1).end, page.word(i).begin);
        const bool comma = before.find(',') != std::string_view::npos;
        if (before.find_first_not_of(" \t,") != std::string_view::npos) continue;
        // Without the comma (lost by OCR) every word must be capitalized.
        bool all_capitalized = true;
        for (std::size_t k = first; k < i; ++k) all_capitalized = all_capitalized && page.IsCapitalized(k);
        if (IsPlace(page, first, i) && (comma || all_capitalized)) {
            return DatePlace{IsoDate(*date), Clean(page.Slice(page.word(first).begin, page.word(i - 1).end), false)};
        }
    }
    static const Tokens kToday = {"hom", "nay"};
    for (std::size_t line = 0; line < page.lines().size(); ++line) {
        if (!page.LineStartsWith(line, kToday)) continue;
        const std::size_t from = page.lines()[line].first_word + kToday.size();
        for (std::size_t i = from; i < count && i <= from + kMaxWordsToDate; ++i) {
            if (const auto date = DateAt(page, i)) return DatePlace{IsoDate(*date), {}};
        }
    }
    return std::nullopt;
}

// --- Title, V/v, body ---

// The first header line that is an upper-case document title, and its type.
std::pair<std::size_t, const DocTypeInfo*> FindTitle(const Page& page, std::size_t header_end, std::size_t skip_line) {
    static const Tokens kUnit = {"don", "vi"};  // "ĐƠN VỊ ..." is a unit, not a petition
    for (std::size_t line = 0; line < header_end; ++line) {
        if (line == skip_line) continue;
        const Line& l = page.lines()[line];
        const std::vector<bool> motto = MottoWords(page, line);
        if (std::find(motto.begin(), motto.end(), true) != motto.end()) continue;
        if (!page.IsUpperCase(l.first_word, l.end_word) || page.LineStartsWith(line, kUnit)) continue;
        for (const TypeName& name : TypeNames()) {
            if (page.LineStartsWith(line, name.tokens)) return {line, name.type};
        }
    }
    return {kNone, nullptr};
}

// A "V/v" (về việc) line, the subject line of a công văn.
std::size_t FindSubjectLine(const Page& page, std::size_t header_end) {
    static const Tokens kVv = {"v", "v"};
    for (std::size_t line = 0; line < header_end; ++line) {
        const std::size_t w = page.lines()[line].first_word;
        if (!page.LineStartsWith(line, kVv)) continue;
        const std::string_view gap = page.Slice(page.word(w).end, page.word(w + 1).begin);
        if (gap == "/" || gap == "." || gap == "/ " || gap == " /") return line;
    }
    return kNone;
}

// The first line of the body: "Kính gửi" (letters) or "Căn cứ" (legal bases).
std::size_t FindBodyStart(const Page& page) {
    static const std::vector<Tokens> kStarts = {{"kinh", "gui"}, {"can", "cu"}};
    const std::size_t limit = std::min(page.lines().size(), kMaxHeaderLines);
    for (std::size_t line = 0; line < limit; ++line) {
        for (const Tokens& s : kStarts) {
            if (page.LineStartsWith(line, s)) return line;
        }
    }
    return limit;
}

// --- Issuer ---

// The issuer: the last body named in the upper-case lines of [0, block_end), motto words and markings left out.

std::string FindIssuer(const Page& page, std::size_t block_end) {
    std::vector<std::string> entries;  // one per body, a wrapped name joined
    bool broken = false;               // a non-upper-case line since the last entry
    for (std::size_t line = 0; line < block_end; ++line) {
        const Line& l = page.lines()[line];
        const std::vector<bool> motto = MottoWords(page, line);
        // The left column: the words before the first motto word, or (right column read first) after the last.
        std::size_t first = l.first_word, end = l.first_word;
        while (end < l.end_word && !motto[end - l.first_word]) ++end;
        if (end == first) {
            std::size_t last_motto = l.end_word;
            while (last_motto > l.first_word && !motto[last_motto - 1 - l.first_word]) --last_motto;
            first = last_motto;
            end = l.end_word;
        }
        if (first == end) continue;  // only the motto
        const auto [upper, lower] = page.LetterCase(first, end);
        if (upper + lower == 0) continue;  // numbers or stray marks
        if (IsMarking(page, first, end)) continue;
        bool has_date = false;  // "HÀ NỘI, NGÀY 05 THÁNG 3 NĂM 2024" is upper case too
        for (std::size_t i = first; i < end && !has_date; ++i) has_date = DateAt(page, i).has_value();
        if (has_date || !page.IsUpperCase(first, end)) {
            broken = true;
            continue;
        }
        std::string part = Clean(page.Slice(page.word(first).begin, page.word(end - 1).end), false);
        if (!broken && !entries.empty() && !StartsOrganisation(page, first, end)) {
            entries.back() += " " + part;
        } else {
            entries.push_back(std::move(part));
        }
        broken = false;
    }
    return entries.empty() ? std::string() : entries.back();
}

bool HasMotto(const Page& page, std::size_t header_end) {
    for (std::size_t line = 0; line < header_end; ++line) {
        const std::vector<bool> motto = MottoWords(page, line);
        if (std::find(motto.begin(), motto.end(), true) != motto.end()) return true;
    }
    return false;
}

}  // namespace

const std::vector<DocTypeInfo>& DocTypes() { return BuildDocTypes(); }

const DocTypeInfo* FindDocType(std::string_view code) {
    for (const DocTypeInfo& t : BuildDocTypes()) {
        if (t.code == code) return &t;
    }
    return nullptr;
}

DocFields ExtractFields(std::string_view text) {
    const Page page(text::TruncateUtf8(text, kMaxScanBytes));
    DocFields fields;
    if (page.lines().empty()) return fields;

    const std::size_t body_start = FindBodyStart(page);
    const std::optional<Symbol> symbol = FindSymbol(page, body_start);
    const std::size_t symbol_line = symbol ? symbol->line : kNone;
    const auto [title_line, title_type] = FindTitle(page, body_start, symbol_line);
    const std::size_t subject_line = FindSubjectLine(page, body_start);

    if (symbol) fields.number = symbol->number;

    const DocTypeInfo* type = title_type;
    if (type == nullptr && symbol && symbol->named_type != nullptr) type = symbol->named_type;
    if (type == nullptr && subject_line != kNone) type = FindDocType("cong_van");
    if (type == nullptr && symbol) {
        for (const std::string& segment : symbol->segments) {
            if (IsDigits(text::FoldVietnamese(segment))) continue;  // a year, as in 45/2023/TT-BCA
            type = TypeOfAbbreviation(segment);
            if (type == nullptr) type = FindDocType("cong_van");  // 123/UBND-VP: the issuer comes first
            break;
        }
    }
    if (type != nullptr) fields.type = type->code;

    const std::size_t date_end = std::min(body_start, title_line);
    if (const auto date = FindDate(page, date_end, symbol)) {
        fields.date = date->date;
        fields.place = date->place;
    }

    const std::size_t block_end = std::min({body_start, symbol_line, title_line, subject_line});
    if (symbol || title_type != nullptr || HasMotto(page, body_start)) fields.issuer = FindIssuer(page, block_end);
    return fields;
}

}  // namespace precinct::digitize
