// Vietnamese diacritic folding: a UTF-8 decoder plus a table of code-point ranges and the ASCII letter each folds to.
#include "text/fold.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace precinct::text {
namespace {

// What a decoded code point becomes.
constexpr char kDrop = '\0';  // contributes nothing (combining marks, invisible format characters)

struct FoldRange {
    char32_t first;
    char32_t last;
    char to;  // lower-case ASCII letter, or kDrop
};

// Sorted, non-overlapping ranges. Anything not listed (and not ASCII) is a separator.
constexpr std::array kFoldTable = std::to_array<FoldRange>({
    // Latin-1 Supplement: À Á Â Ã Ä Å, Ç, È..Ë, Ì..Ï, Ð (often typed for Đ), Ñ, Ò..Ö, Ø, Ù..Ü, Ý, and lower case.
    {0x00AD, 0x00AD, kDrop},  // soft hyphen
    {0x00C0, 0x00C5, 'a'},
    {0x00C7, 0x00C7, 'c'},
    {0x00C8, 0x00CB, 'e'},
    {0x00CC, 0x00CF, 'i'},
    {0x00D0, 0x00D0, 'd'},
    {0x00D1, 0x00D1, 'n'},
    {0x00D2, 0x00D6, 'o'},
    {0x00D8, 0x00D8, 'o'},
    {0x00D9, 0x00DC, 'u'},
    {0x00DD, 0x00DD, 'y'},
    {0x00E0, 0x00E5, 'a'},
    {0x00E7, 0x00E7, 'c'},
    {0x00E8, 0x00EB, 'e'},
    {0x00EC, 0x00EF, 'i'},
    {0x00F0, 0x00F0, 'd'},
    {0x00F1, 0x00F1, 'n'},
    {0x00F2, 0x00F6, 'o'},
    {0x00F8, 0x00F8, 'o'},
    {0x00F9, 0x00FC, 'u'},
    {0x00FD, 0x00FD, 'y'},
    {0x00FF, 0x00FF, 'y'},
    // Latin Extended-A: Ā ā Ă ă Ą ą, Đ đ, Ĩ ĩ, Ũ ũ.
    {0x0100, 0x0105, 'a'},
    {0x0110, 0x0111, 'd'},
    {0x0128, 0x0129, 'i'},
    {0x0168, 0x0169, 'u'},
    // Latin Extended-B: Ơ ơ, Ư ư.
    {0x01A0, 0x01A1, 'o'},
    {0x01AF, 0x01B0, 'u'},
    // Combining diacritical marks (decomposed input: grave, acute, tilde, hook above, dot below, horn, breve, ...).
    {0x0300, 0x036F, kDrop},
    // Latin Extended Additional, the Vietnamese block: Ạ..ặ, Ẹ..ệ, Ỉ..ị, Ọ..ợ, Ụ..ự, Ỳ..ỹ (upper/lower pairs).
    {0x1EA0, 0x1EB7, 'a'},
    {0x1EB8, 0x1EC7, 'e'},
    {0x1EC8, 0x1ECB, 'i'},
    {0x1ECC, 0x1EE3, 'o'},
    {0x1EE4, 0x1EF1, 'u'},
    {0x1EF2, 0x1EF9, 'y'},
    // Invisible format characters: zero-width space, non-joiner, joiner; word joiner; byte-order mark.
    {0x200B, 0x200D, kDrop},
    {0x2060, 0x2060, kDrop},
    {0xFEFF, 0xFEFF, kDrop},
});

constexpr bool TableIsSorted() {
    for (std::size_t i = 0; i < kFoldTable.size(); ++i) {
        if (kFoldTable[i].first > kFoldTable[i].last) return false;
        if (i > 0 && kFoldTable[i - 1].last >= kFoldTable[i].first) return false;
    }
    return true;
}
static_assert(TableIsSorted(), "kFoldTable must be sorted and non-overlapping");

// Looks a non-ASCII code point up. Returns the folded letter, kDrop, or ' ' for "separator".
char FoldCodePoint(char32_t cp) {
    std::size_t lo = 0, hi = kFoldTable.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (kFoldTable[mid].last < cp) {
            lo = mid + 1;
        } else if (kFoldTable[mid].first > cp) {
            hi = mid;
        } else {
            return kFoldTable[mid].to;
        }
    }
    return ' ';
}

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Decodes one strict UTF-8 sequence at text[pos] (which is not ASCII). Rejects overlong forms, surrogates and
// code points above U+10FFFF. Returns the sequence length, or 0 when the byte at pos does not start a valid one.
std::size_t DecodeMultiByte(std::string_view text, std::size_t pos, char32_t& cp) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    std::size_t len = 0;
    unsigned char second_min = 0x80, second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        len = 2;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        len = 3;
        cp = lead & 0x0F;
        if (lead == 0xE0) second_min = 0xA0;  // overlong
        if (lead == 0xED) second_max = 0x9F;  // UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        len = 4;
        cp = lead & 0x07;
        if (lead == 0xF0) second_min = 0x90;  // overlong
        if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
    } else {
        return 0;
    }
    if (pos + len > text.size()) return 0;
    if (byte(1) < second_min || byte(1) > second_max) return 0;
    for (std::size_t i = 1; i < len; ++i) {
        if (!IsContinuation(byte(i))) return 0;
        cp = (cp << 6) | (byte(i) & 0x3F);
    }
    return len;
}

}  // namespace

std::string FoldVietnamese(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    bool pending_space = false;
    const auto emit = [&](char c) {
        if (c == ' ') {
            pending_space = true;
            return;
        }
        if (pending_space && !out.empty()) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    };

    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const auto b = static_cast<unsigned char>(utf8[pos]);
        if (b < 0x80) {
            if (b >= 'A' && b <= 'Z') {
                emit(static_cast<char>(b - 'A' + 'a'));
            } else if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
                emit(static_cast<char>(b));
            } else {
                emit(' ');
            }
            ++pos;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = DecodeMultiByte(utf8, pos, cp);
        if (len == 0) {  // invalid byte: a separator, then resynchronise on the next byte
            emit(' ');
            ++pos;
            continue;
        }
        const char folded = FoldCodePoint(cp);
        if (folded != kDrop) emit(folded);
        pos += len;
    }
    return out;
}

std::string_view TruncateUtf8(std::string_view utf8, std::size_t max_bytes) {
    if (utf8.size() <= max_bytes) return utf8;
    std::size_t cut = max_bytes;
    while (cut > 0 && IsContinuation(static_cast<unsigned char>(utf8[cut]))) --cut;
    return utf8.substr(0, cut);
}

std::size_t Utf8Length(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return !IsContinuation(static_cast<unsigned char>(c));
    }));
}

std::vector<std::string> Tokens(std::string_view folded) {
    std::vector<std::string> tokens;
    std::size_t pos = 0;
    while (pos < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', pos), folded.size());
        if (end > pos) tokens.emplace_back(folded.substr(pos, end - pos));
        pos = end + 1;
    }
    return tokens;
}

}  // namespace precinct::text
