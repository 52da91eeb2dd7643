// Tests for Vietnamese diacritic folding and tokenising.
#include "text/fold.hpp"

#include <gtest/gtest.h>

#include <string>

namespace precinct::text {
namespace {

TEST(FoldVietnamese, FoldsASentenceWithPunctuation) {
    EXPECT_EQ(FoldVietnamese("Cháy nhà, có người mắc kẹt!"), "chay nha co nguoi mac ket");
}

TEST(FoldVietnamese, FoldsUpperCaseAndDStroke) {
    EXPECT_EQ(FoldVietnamese("ĐƯỜNG Láng"), "duong lang");
    EXPECT_EQ(FoldVietnamese("đường"), "duong");
    // U+00D0/U+00F0 (Icelandic eth) look identical to Đ/đ and turn up in hand-typed text.
    EXPECT_EQ(FoldVietnamese("\u00D0\u00F0"), "dd");
}

TEST(FoldVietnamese, FoldsEveryPrecomposedVietnameseLetter) {
    const std::string expected =
        "aaaaaa aaaaaa aaaaaa eeeeee eeeeee iiiiii oooooo oooooo oooooo uuuuuu uuuuuu yyyyyy d";
    EXPECT_EQ(FoldVietnamese("aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ "
                             "ưừứửữự yỳýỷỹỵ đ"),
              expected);
    EXPECT_EQ(FoldVietnamese("AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ "
                             "ƯỪỨỬỮỰ YỲÝỶỸỴ Đ"),
              expected);
}

TEST(FoldVietnamese, StripsCombiningMarksFromDecomposedInput) {
    // NFD of "Cháy nhà, có người mắc kẹt!": base letters followed by U+0300..U+036F marks.
    EXPECT_EQ(FoldVietnamese("Cha\u0301y nha\u0300, co\u0301 ngu\u031Bo\u031B\u0300i ma\u0306\u0301c ke\u0323t!"),
              "chay nha co nguoi mac ket");
    // Mixed: precomposed ư followed by a combining acute tone mark.
    EXPECT_EQ(FoldVietnamese("\u01B0\u0301"), "u");
    // A combining mark with no base letter leaves nothing behind.
    EXPECT_EQ(FoldVietnamese("\u0301 a"), "a");
}

TEST(FoldVietnamese, InvalidUtf8BytesBecomeSeparators) {
    // Octal escapes, so that a following letter is not read as part of the escape.
    EXPECT_EQ(FoldVietnamese("ch\377ay"), "ch ay");  // 0xFF never appears in UTF-8
    EXPECT_EQ(FoldVietnamese("\303"), "");           // truncated 2-byte sequence
    EXPECT_EQ(FoldVietnamese("a\303"), "a");
    EXPECT_EQ(FoldVietnamese("a\300\257b"), "a b");          // overlong '/' (C0 AF)
    EXPECT_EQ(FoldVietnamese("a\355\240\200b"), "a b");      // UTF-16 surrogate (ED A0 80)
    EXPECT_EQ(FoldVietnamese("a\364\220\200\200b"), "a b");  // above U+10FFFF (F4 90 80 80)
    EXPECT_EQ(FoldVietnamese("a\200\200\200b"), "a b");      // stray continuation bytes
    EXPECT_EQ(FoldVietnamese("\341\273a"), "a");             // truncated 3-byte sequence (E1 BB) before ASCII
}

TEST(FoldVietnamese, EmptyAndSeparatorOnlyInputs) {
    EXPECT_EQ(FoldVietnamese(""), "");
    EXPECT_EQ(FoldVietnamese("   "), "");
    EXPECT_EQ(FoldVietnamese(" ,.;!? \t\n "), "");
}

TEST(FoldVietnamese, CollapsesAndTrimsSeparators) {
    EXPECT_EQ(FoldVietnamese("  Số 5,   ngõ 12 -- Đào Tấn\t\n"), "so 5 ngo 12 dao tan");
    EXPECT_EQ(FoldVietnamese("A\u00A0B"), "a b");  // no-break space is a separator
}

TEST(FoldVietnamese, DropsInvisibleFormatCharacters) { EXPECT_EQ(FoldVietnamese("k\u00ADe\u200Bt\uFEFF"), "ket"); }

TEST(FoldVietnamese, OtherScriptsAndSymbolsAreSeparators) {
    EXPECT_EQ(FoldVietnamese("火災 fire €5"), "fire 5");
    EXPECT_EQ(FoldVietnamese("Ça va, señor"), "ca va senor");
}

TEST(FoldVietnamese, IsIdempotent) {
    const std::string once = FoldVietnamese("Người đàn ông cầm DAO ở ĐƯỜNG Láng!!");
    EXPECT_EQ(FoldVietnamese(once), once);
}

TEST(Tokens, SplitsOnSpaces) {
    EXPECT_EQ(Tokens("chay nha co nguoi"), (std::vector<std::string>{"chay", "nha", "co", "nguoi"}));
    EXPECT_TRUE(Tokens("").empty());
    EXPECT_EQ(Tokens("  a  b "), (std::vector<std::string>{"a", "b"}));  // tolerates unfolded spacing
    EXPECT_EQ(Tokens(FoldVietnamese("Mắc kẹt!")), (std::vector<std::string>{"mac", "ket"}));
}

TEST(Utf8, TruncatesWithoutCuttingACharacterAndCountsCharacters) {
    EXPECT_EQ(TruncateUtf8("Việt", 3), "Vi");   // "ệ" is 3 bytes
    EXPECT_EQ(TruncateUtf8("Việt", 5), "Việ");
    EXPECT_EQ(TruncateUtf8("abc", 10), "abc");
    EXPECT_EQ(Utf8Length("Việt Nam"), 8u);
    EXPECT_EQ(Utf8Length(""), 0u);
}

}  // namespace
}  // namespace precinct::text
