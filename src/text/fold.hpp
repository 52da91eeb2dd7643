#pragma once
// Accent-insensitive matching of Vietnamese text: folds precomposed and decomposed Vietnamese letters to plain
// lower-case ASCII ("Đường Láng" -> "duong lang") so that typed-without-diacritics input, English and proper
// Vietnamese all compare equal. Hand-written table, no ICU.
#include <string>
#include <string_view>
#include <vector>

namespace precinct::text {

// Lower-cases and strips diacritics from UTF-8 text.
//  - Vietnamese letters with tone and vowel marks (both cases, Latin-1 Supplement, Latin Extended-A/B and the
//    U+1EA0..U+1EF9 block) become their base ASCII letter; đ/Đ (and the look-alike Ð/ð, U+00D0/U+00F0) become 'd'.
//    Other Latin-1 accented letters (ç, ñ, ö, ...) fold the same way.
//  - Combining marks U+0300..U+036F (decomposed input) and invisible format characters (soft hyphen, zero-width
//    space/joiners, word joiner, BOM) are dropped without a trace.
//  - ASCII letters are lower-cased, digits kept; everything else (punctuation, symbols, other scripts, and each
//    invalid UTF-8 byte) becomes a separator. Runs of separators collapse to one space; no leading/trailing space.
// The result contains only [a-z0-9 ].
std::string FoldVietnamese(std::string_view utf8);

// The longest prefix of `utf8` of at most `max_bytes` bytes that does not cut a character in two.
std::string_view TruncateUtf8(std::string_view utf8, std::size_t max_bytes);
// Characters (code points, counting each invalid byte as one) in UTF-8 text.
std::size_t Utf8Length(std::string_view utf8);

// Splits folded text on spaces; empty pieces are skipped, so any string is accepted.
std::vector<std::string> Tokens(std::string_view folded);

}  // namespace precinct::text
