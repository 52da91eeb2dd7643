// Tests for abbreviations, dictionary words, folding and English stemming in the analyzer.
#include "text/analyzer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace precinct::text {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

Lexicon SmallLexicon() {
    Lexicon l;
    l.AddWord("tạm trú");
    l.AddWord("giấy phép lái xe");
    l.AddWord("lái xe");
    l.AddWord("căn cước");
    l.AddWord("đăng ký");
    return l;
}

TEST(Analyzer, FoldsAndKeepsAccentedSyllables) {
    const Lexicon lex = SmallLexicon();
    const Analyzer an(lex);
    const Analysis a = an.Analyze("Đăng ký TẠM TRÚ");
    EXPECT_THAT(a.accented, ElementsAre("đăng", "ký", "tạm", "trú"));
    EXPECT_THAT(a.folded, ElementsAre("dang", "ki", "tam", "tru"));  // ký and kí are one spelling
    EXPECT_TRUE(a.had_diacritics);
}

TEST(Analyzer, ExpandsChatSpellingsAndAbbreviations) {
    const Lexicon lex = SmallLexicon();
    const Analyzer an(lex);
    EXPECT_THAT(an.Analyze("lam cccd ko dc a").folded,
                ElementsAre("lam", "can", "cuoc", "cong", "dan", "khong", "duoc", "a"));
    EXPECT_THAT(an.Analyze("đc k").folded, ElementsAre("duoc", "khong"));
    EXPECT_THAT(an.Analyze("gplx het han").folded,
                ElementsAre("giay", "phep", "lai", "xe", "het", "han"));
    EXPECT_EQ(an.Analyze("ko dc").expanded, 2u);
}

TEST(Analyzer, TermsWithAndWithoutAccentsShareTheFoldedForms) {
    const Lexicon lex = SmallLexicon();
    const Analyzer an(lex);
    const auto accented = an.Terms("tạm trú");
    const auto plain = an.Terms("tam tru");
    EXPECT_THAT(accented, Contains("tam"));
    EXPECT_THAT(accented, Contains("^tạm"));
    EXPECT_THAT(accented, Contains("tam_tru"));
    EXPECT_THAT(accented, Contains("^tạm_trú"));
    EXPECT_THAT(plain, Contains("tam_tru"));
    EXPECT_THAT(plain, Not(Contains("^tạm")));
}

TEST(Analyzer, TakesTheLongestDictionaryWordAtEachPosition) {
    const Lexicon lex = SmallLexicon();
    const Analyzer an(lex);
    const auto terms = an.Terms("cấp lại giấy phép lái xe");
    EXPECT_THAT(terms, Contains("giay_phep_lai_xe"));
    EXPECT_THAT(terms, Contains("lai_xe"));  // starts at a later position
    EXPECT_THAT(terms, Not(Contains("giay_phep")));
}

TEST(Analyzer, ToneMarkPlacementDoesNotChangeTerms) {
    const Lexicon lex = SmallLexicon();
    const Analyzer an(lex);
    EXPECT_EQ(an.Terms("hoà giải"), an.Terms("hòa giải"));
}

TEST(Analyzer, StemsEnglishButNotVietnamese) {
    EXPECT_EQ(StemEnglish("fees"), "fee");
    EXPECT_EQ(StemEnglish("registering"), "register");
    EXPECT_EQ(StemEnglish("registered"), "register");
    EXPECT_EQ(StemEnglish("policies"), "policy");
    EXPECT_EQ(StemEnglish("address"), "address");
    EXPECT_EQ(StemEnglish("trung"), "trung");
    EXPECT_EQ(StemEnglish("nguoi"), "nguoi");
    EXPECT_EQ(StemEnglish("bus"), "bus");
}

TEST(Lexicon, LoadsAWordListAndNamesTheBadLine) {
    const std::string path = ::testing::TempDir() + "/words_test.txt";
    {
        std::ofstream out(path);
        out << "# comment\n\nhộ chiếu\ncăn  cước\r\n";
    }
    auto lex = Lexicon::Load(path);
    ASSERT_TRUE(lex) << lex.error().message;
    EXPECT_EQ(lex->word_count(), 2u);
    EXPECT_TRUE(lex->IsFoldedWord("ho_chieu"));
    {
        std::ofstream out(path);
        out << "hộ chiếu\nđơn\n";
    }
    auto bad = Lexicon::Load(path);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("words_test.txt:2:"), std::string::npos) << bad.error().message;
    EXPECT_FALSE(Lexicon::Load(path + ".missing"));
    std::remove(path.c_str());
}

}  // namespace
}  // namespace precinct::text
