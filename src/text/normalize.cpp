// NFC, lower case and canonical tone placement through ICU's normalizers and character properties.
#include "text/normalize.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace precinct::text {
namespace {

const icu::Normalizer2& NfcInstance() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFC normalizer unavailable");
    return *n;
}

const icu::Normalizer2& NfdInstance() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFD normalizer unavailable");
    return *n;
}

// The five Vietnamese tone marks, as combining characters.
bool IsToneMark(UChar32 c) { return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323; }
// Vowel quality marks: circumflex (â ê ô), breve (ă), horn (ơ ư).
bool IsQualityMark(UChar32 c) { return c == 0x0302 || c == 0x0306 || c == 0x031B; }

bool IsVowelBase(UChar32 c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
bool IsVietnameseConsonant(UChar32 c) {
    return (c >= 'a' && c <= 'z' && !IsVowelBase(c)) || c == 0x0111;  // đ
}

struct Letter {
    UChar32 base = 0;
    std::vector<UChar32> marks;  // quality and other marks, tone removed
    bool quality = false;
};

// Re-places the tone of one syllable (lower case, decomposed). Returns false when the syllable is not made of
// Vietnamese letters, in which case the caller keeps it as it was.
bool PlaceTone(std::vector<Letter>& letters, std::size_t& tone_at) {
    for (const Letter& l : letters) {
        if (!IsVowelBase(l.base) && !IsVietnameseConsonant(l.base)) return false;
        for (UChar32 m : l.marks) {
            if (!IsQualityMark(m)) return false;
        }
    }
    std::size_t start = 0;
    while (start < letters.size() && !IsVowelBase(letters[start].base)) ++start;
    if (start == letters.size()) return false;  // no vowel: nothing to carry a tone
    // "qu" and "gi" onsets: the u / i belongs to the consonant when another vowel follows.
    if (start == 1 && start + 1 < letters.size() && IsVowelBase(letters[start + 1].base) &&
        ((letters[0].base == 'q' && letters[1].base == 'u') ||
         (letters[0].base == 'g' && letters[1].base == 'i' && letters[1].marks.empty()))) {
        ++start;
    }
    std::size_t end = start;
    while (end < letters.size() && IsVowelBase(letters[end].base)) ++end;
    const std::size_t count = end - start;
    const bool has_final = end < letters.size();
    // A Vietnamese syllable ends in its vowels or in c, ch, m, n, ng, nh, p, t.
    std::u32string final_part;
    for (std::size_t i = end; i < letters.size(); ++i) final_part.push_back(static_cast<char32_t>(letters[i].base));
    static const std::u32string kFinals[] = {U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};
    if (std::find(std::begin(kFinals), std::end(kFinals), final_part) == std::end(kFinals)) return false;

    std::size_t with_quality = letters.size();
    for (std::size_t i = start; i < end; ++i) {
        if (letters[i].quality) with_quality = i;  // the last one: ơ of "ươ"
    }
    if (with_quality != letters.size()) {
        tone_at = with_quality;
    } else if (count == 1) {
        tone_at = start;
    } else if (has_final) {
        tone_at = end - 1;
    } else if (count >= 3) {
        tone_at = start + 1;
    } else {
        tone_at = start;
    }
    return true;
}

// Appends one token (decomposed, lower case) with its tone canonically placed, in NFC.
void AppendToken(const icu::UnicodeString& token, std::string& out) {
    std::vector<Letter> letters;
    UChar32 tone = 0;
    for (int32_t i = 0; i < token.length();) {
        const UChar32 c = token.char32At(i);
        i += U16_LENGTH(c);
        if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
            if (letters.empty()) continue;  // a mark with no base letter: dropped
            if (IsToneMark(c) && tone == 0) {
                tone = c;
            } else if (IsToneMark(c)) {
                continue;  // a second tone on one syllable: keep the first
            } else {
                letters.back().marks.push_back(c);
                if (IsQualityMark(c)) letters.back().quality = true;
            }
            continue;
        }
        letters.push_back(Letter{c, {}, false});
    }
    if (letters.empty()) return;
    std::size_t tone_at = letters.size();
    if (tone != 0 && !PlaceTone(letters, tone_at)) {
        // Not a Vietnamese syllable: keep the tone on the letter that carried it. Re-scan to find it.
        tone_at = letters.size();
        std::size_t li = 0;
        bool seen_base = false;
        for (int32_t i = 0; i < token.length();) {
            const UChar32 c = token.char32At(i);
            i += U16_LENGTH(c);
            const bool mark = u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
            if (!mark) {
                if (seen_base) ++li;
                seen_base = true;
            } else if (c == tone && seen_base) {
                tone_at = li;
                break;
            }
        }
    }
    icu::UnicodeString decomposed;
    for (std::size_t i = 0; i < letters.size(); ++i) {
        decomposed.append(letters[i].base);
        for (UChar32 m : letters[i].marks) decomposed.append(m);
        if (i == tone_at) decomposed.append(tone);
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString composed = NfcInstance().normalize(decomposed, status);
    if (U_FAILURE(status)) return;
    if (!out.empty()) out.push_back(' ');
    composed.toUTF8String(out);
}

bool IsFormatCharacter(UChar32 c) { return u_charType(c) == U_FORMAT_CHAR; }

}  // namespace

std::string Nfc(std::string_view utf8) {
    const icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString n = NfcInstance().normalize(s, status);
    std::string out;
    if (U_FAILURE(status)) return out;
    n.toUTF8String(out);
    return out;
}

std::string Canonicalize(std::string_view utf8) {
    icu::UnicodeString s =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    s.toLower(icu::Locale::getRoot());
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString d = NfdInstance().normalize(s, status);
    std::string out;
    if (U_FAILURE(status)) return out;
    out.reserve(utf8.size() + 8);
    icu::UnicodeString token;
    for (int32_t i = 0; i < d.length();) {
        const UChar32 c = d.char32At(i);
        i += U16_LENGTH(c);
        if (IsFormatCharacter(c)) continue;
        const bool mark = u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
        if (mark || u_isalnum(c)) {
            token.append(c);
            continue;
        }
        if (!token.isEmpty()) {
            AppendToken(token, out);
            token.remove();
        }
    }
    if (!token.isEmpty()) AppendToken(token, out);
    return out;
}

bool HasVietnameseDiacritics(std::string_view utf8) {
    const icu::UnicodeString s =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString d = NfdInstance().normalize(s, status);
    if (U_FAILURE(status)) return false;
    for (int32_t i = 0; i < d.length();) {
        const UChar32 c = d.char32At(i);
        i += U16_LENGTH(c);
        if (IsToneMark(c) || IsQualityMark(c) || c == 0x0111 || c == 0x0110) return true;
    }
    return false;
}

}  // namespace precinct::text
