#include "assemble.hpp"

#include <gtest/gtest.h>

namespace precinct::digitize {
namespace {

PageOcr Page() {
    PageOcr p;
    p.lines = {{{}, 0, 0, 0}, {{}, 0, 0, 0}, {{}, 0, 0, 1}};
    p.words = {{"Công", {}, 90, 0}, {"an", {}, 80, 0}, {"quận", {}, 70, 1}, {"Ba", {}, 60, 2}, {"Đình", {}, 50, 2}};
    return p;
}

TEST(Assemble, JoinsWordsLinesAndParagraphs) {
    EXPECT_EQ(PageText(Page()), "Công an\nquận\n\nBa Đình");
    EXPECT_EQ(PageText(PageOcr{}), "");
}

TEST(Assemble, SeparatesPagesWithFormFeedsKeepingEmptyPages) {
    EXPECT_EQ(DocumentText({"một", "", "ba"}), "một\f\fba");
    EXPECT_EQ(DocumentText({}), "");
}

TEST(Assemble, ConfidenceIsWeightedByCharacters) {
    // (4*90 + 2*80 + 4*70 + 2*60 + 4*50) / 16 characters
    EXPECT_NEAR(MeanConfidence(Page()), (360.0 + 160 + 280 + 120 + 200) / 16, 1e-9);
    EXPECT_EQ(MeanConfidence(PageOcr{}), -1);
}

TEST(Assemble, DecodesUtf8AndReplacesInvalidBytes) {
    EXPECT_EQ(DecodeUtf8("Đạ"), std::u32string(U"Đạ"));
    EXPECT_EQ(DecodeUtf8("a\xC3"), std::u32string(U"a\uFFFD"));
    EXPECT_EQ(DecodeUtf8("\xC0\xAF"), std::u32string(U"\uFFFD\uFFFD"));            // overlong
    EXPECT_EQ(DecodeUtf8("\xED\xA0\x80"), std::u32string(U"\uFFFD\uFFFD\uFFFD"));  // surrogate
    EXPECT_EQ(DecodeUtf8("\xF0\x9F\x98\x80"), std::u32string(U"\U0001F600"));
}

TEST(Assemble, FieldsTextSplitsAHeaderReadAsOneLineIntoItsColumns) {
    // A4 at 300 dpi. Tesseract read the left column's two rows and the motto as one line 0, in x order.
    PageOcr p;
    p.width = 2480;
    p.height = 3508;
    p.lines = {{{}, 0, 0, 0}, {{}, 0, 0, 1}, {{}, 0, 0, 2}};
    auto word = [](const char* t, int x, int y, int w, int line) { return OcrWord{t, {x, y, w, 40}, 90, line}; };
    p.words = {word("ỦY", 300, 240, 60, 0),     word("BAN", 370, 240, 80, 0),     word("NHÂN", 460, 240, 100, 0),
               word("DÂN", 570, 240, 90, 0),    word("CỘNG", 1150, 240, 120, 0),  word("HÒA", 1280, 240, 90, 0),
               word("THÀNH", 300, 300, 130, 0), word("PHỐ", 440, 300, 80, 0),     word("VIỆT", 1380, 240, 90, 0),
               word("NAM", 1480, 240, 90, 0),   word("QUYẾT", 1000, 800, 140, 1), word("ĐỊNH", 1150, 800, 110, 1),
               word("Điều", 300, 1500, 90, 2),  word("1.", 400, 1500, 40, 2)};
    EXPECT_EQ(FieldsText(p), "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ\nCỘNG HÒA VIỆT NAM\nQUYẾT ĐỊNH\nĐiều 1.");
    // A centred title alone in the top third has no wide gap: it stays one line.
    PageOcr title;
    title.width = 2480;
    title.height = 3508;
    title.lines = {{{}, 0, 0, 0}};
    title.words = {word("QUYẾT", 1000, 500, 140, 0), word("ĐỊNH", 1160, 500, 110, 0)};
    EXPECT_EQ(FieldsText(title), "QUYẾT ĐỊNH");
}

}  // namespace
}  // namespace precinct::digitize
