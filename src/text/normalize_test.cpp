// Tests for NFC, lower-casing and canonical tone placement.
#include "text/normalize.hpp"

#include <gtest/gtest.h>

namespace precinct::text {
namespace {

TEST(Nfc, ComposesDecomposedVietnamese) {
    EXPECT_EQ(Nfc("Vie\u0302\u0323t Nam"), "Việt Nam");
    EXPECT_EQ(Nfc("Việt Nam"), "Việt Nam");
}

TEST(Nfc, ReplacesInvalidUtf8) { EXPECT_EQ(Nfc("a\xff" "b"), "a\xEF\xBF\xBD" "b"); }

TEST(Canonicalize, BothTonePlacementsOfOaOeUyAreOne) {
    EXPECT_EQ(Canonicalize("hoà"), "hòa");
    EXPECT_EQ(Canonicalize("hòa"), "hòa");
    EXPECT_EQ(Canonicalize("thuỷ"), "thủy");
    EXPECT_EQ(Canonicalize("khoẻ"), "khỏe");
    EXPECT_EQ(Canonicalize("Hoà Bình"), Canonicalize("hòa bình"));
}

TEST(Canonicalize, DecomposedAndPrecomposedAgree) {
    EXPECT_EQ(Canonicalize("ho\u0300a"), "hòa");
    EXPECT_EQ(Canonicalize("ngu\u031Bo\u031B\u0300i"), "người");
    EXPECT_EQ(Canonicalize("ngư\u0300ơi"), "người");  // tone typed on the wrong vowel of "ươ"
}

TEST(Canonicalize, KeepsCorrectPlacementsOfCommonSyllables) {
    for (const char* word : {"quý", "quả", "già", "giữ", "gìn", "ngoài", "khuỷu", "hoàng", "người", "cứu", "tuổi",
                             "thuyết", "quốc", "việt", "mía", "múa", "tài", "hỏi", "khuya", "đường", "ước"}) {
        EXPECT_EQ(Canonicalize(word), word) << word;
    }
}

TEST(Canonicalize, MovesMisplacedTonesInClosedSyllables) {
    EXPECT_EQ(Canonicalize("hòang"), "hoàng");
    EXPECT_EQ(Canonicalize("qúy"), "quý");
}

TEST(Canonicalize, LowerCasesAndSeparates) {
    EXPECT_EQ(Canonicalize("  ĐĂNG KÝ tạm-trú, ở đâu?? "), "đăng ký tạm trú ở đâu");
    EXPECT_EQ(Canonicalize("CCCD\u200B số 12"), "cccd số 12");
    EXPECT_EQ(Canonicalize(""), "");
    EXPECT_EQ(Canonicalize("!!!"), "");
}

TEST(Canonicalize, LeavesOtherLanguagesAlone) {
    EXPECT_EQ(Canonicalize("Café Straße"), "café straße");
    EXPECT_EQ(Canonicalize("Ελλάδα"), "ελλάδα");
}

TEST(Canonicalize, DropsMarksWithoutALetter) { EXPECT_EQ(Canonicalize("\u0301a \u0300"), "a"); }

TEST(HasVietnameseDiacritics, SeesTonesQualityMarksAndDStroke) {
    EXPECT_TRUE(HasVietnameseDiacritics("làm"));
    EXPECT_TRUE(HasVietnameseDiacritics("đi"));
    EXPECT_TRUE(HasVietnameseDiacritics("ơ"));
    EXPECT_FALSE(HasVietnameseDiacritics("lam cccd o dau"));
    EXPECT_FALSE(HasVietnameseDiacritics("how much is the fee"));
}

}  // namespace
}  // namespace precinct::text
