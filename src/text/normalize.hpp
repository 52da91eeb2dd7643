#pragma once
// Unicode normalization of Vietnamese text with ICU: NFC, lower case, and one placement of the tone mark per
// syllable, so that "Hoà", "hòa" and "ho\u0300a" (decomposed) are the same string.
#include <string>
#include <string_view>

namespace precinct::text {

// Unicode NFC of UTF-8 text; invalid UTF-8 bytes become U+FFFD.
std::string Nfc(std::string_view utf8);

// The canonical accented form used for search: NFC, lower case, tone marks moved to the traditional position
// (the one of "hòa", "thủy", "khỏe", "quý", "già", "ngoài", "hoàng", "người"), invisible format characters
// dropped, and every run of characters that are neither letters, digits nor marks turned into one space (no
// leading or trailing space). Diacritics are kept: FoldVietnamese() removes them.
//
// Tone placement of a syllable's vowel run (after a "qu" or "gi" onset): on the vowel with a quality mark
// (â ă ê ô ơ ư; the second of "ươ"); else a single vowel; else, with a final consonant, the last vowel; else the
// middle of three vowels or the first of two. Letters that are not Vietnamese keep their marks untouched.
std::string Canonicalize(std::string_view utf8);

// True when the text has at least one letter with a Vietnamese diacritic (including đ).
bool HasVietnameseDiacritics(std::string_view utf8);

}  // namespace precinct::text
