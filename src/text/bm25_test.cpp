// Tests for BM25 scoring against hand-computed values and its ranking properties.
#include "text/bm25.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace precinct::text {
namespace {

using Terms = std::vector<std::string>;

TEST(Bm25, MatchesTheFormulaOnASmallCorpus) {
    Bm25Index index({1.2, 0.75});
    index.Add(Terms{"tam", "tru", "dang", "ky"});
    index.Add(Terms{"thuong", "tru"});
    index.Add(Terms{"ho", "chieu"});
    // "tam" is in 1 of 3 documents: idf = ln(1 + (3 - 1 + 0.5) / (1 + 0.5)).
    const double idf = std::log(1.0 + 2.5 / 1.5);
    EXPECT_NEAR(index.Idf("tam"), idf, 1e-12);
    const double avg = (4.0 + 2.0 + 2.0) / 3.0;
    const double expected = idf * 1 * 2.2 / (1 + 1.2 * (1 - 0.75 + 0.75 * 4.0 / avg));
    EXPECT_NEAR(index.Score({"tam"}, 0), expected, 1e-12);
    const auto hits = index.Search({"tam"}, 10);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].doc, 0u);
    EXPECT_NEAR(hits[0].score, expected, 1e-12);
}

TEST(Bm25, RareTermsWeighMoreAndShorterDocumentsWin) {
    Bm25Index index;
    index.Add(Terms{"tru", "tam"});
    index.Add(Terms{"tru", "thuong", "x", "y", "z", "w"});
    index.Add(Terms{"tru", "ho"});
    EXPECT_GT(index.Idf("tam"), index.Idf("tru"));
    const auto hits = index.Search({"tru"}, 3);
    ASSERT_EQ(hits.size(), 3u);
    EXPECT_NE(hits[0].doc, 1u);  // the long document ranks last for the same term frequency
    EXPECT_EQ(hits[2].doc, 1u);
}

TEST(Bm25, FieldWeightsMultiplyTermFrequency) {
    Bm25Index index;
    const Terms title{"ho", "chieu"}, body{"giay", "to"};
    index.Add({{&title, 3.0}, {&body, 1.0}});
    const Terms title2{"giay", "to"}, body2{"ho", "chieu"};
    index.Add({{&title2, 3.0}, {&body2, 1.0}});
    const auto hits = index.Search({"ho", "chieu"}, 2);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].doc, 0u);
    EXPECT_GT(hits[0].score, hits[1].score);
}

TEST(Bm25, LimitsAndEmptyQueries) {
    Bm25Index index;
    for (int i = 0; i < 10; ++i) index.Add(Terms{"a", std::to_string(i)});
    EXPECT_EQ(index.Search({"a"}, 3).size(), 3u);
    EXPECT_TRUE(index.Search({}, 3).empty());
    EXPECT_TRUE(index.Search({"missing"}, 3).empty());
    EXPECT_EQ(index.Score({"a"}, 99), 0.0);
    EXPECT_TRUE(index.Contains("a"));
    EXPECT_TRUE(index.Contains("3", 3));
    EXPECT_FALSE(index.Contains("3", 4));
    EXPECT_FALSE(index.Contains("missing"));
    EXPECT_GT(index.MaxScore({"a", "1"}), index.Search({"a", "1"}, 1)[0].score);
}

}  // namespace
}  // namespace precinct::text
