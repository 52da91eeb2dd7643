#include "precinct/vision/plate_vote.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace precinct::vision {
namespace {

PlateObservation Read(std::string_view top, double confidence, std::string_view bottom = {}) {
    auto plate = ReadPlate(top, bottom);
    EXPECT_TRUE(plate.has_value()) << top << " / " << bottom;
    return PlateObservation{plate.value_or(PlateText{}), confidence};
}

TEST(VotePlateReads, NothingFromNoObservations) {
    EXPECT_FALSE(VotePlateReads({}).has_value());
    const std::vector<PlateObservation> empty_texts(3);  // observations without a plate text
    EXPECT_FALSE(VotePlateReads(empty_texts).has_value());
}

TEST(VotePlateReads, SingleReadWinsWithItsConfidence) {
    const std::vector<PlateObservation> reads = {Read("51F-123.45", 0.7)};
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "51F12345");
    EXPECT_EQ(voted->plate.display, "51F-123.45");
    EXPECT_DOUBLE_EQ(voted->confidence, 1.0);
    EXPECT_EQ(voted->votes, 1);
    EXPECT_EQ(voted->observations, 1);
}

TEST(VotePlateReads, AgreeingWeakReadsOutweighOneConfidentRead) {
    // Different layouts (car vs flattened motorbike), so only whole texts are voted on.
    const std::vector<PlateObservation> reads = {
        Read("29B112345", 0.9),
        Read("29B-112.34", 0.4),
        Read("29B-112.34", 0.4),
        Read("29B-112.34", 0.4),
    };
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "29B11234");
    EXPECT_EQ(voted->plate.kind, PlateKind::kCar);
    EXPECT_EQ(voted->votes, 3);
    EXPECT_EQ(voted->observations, 4);
    EXPECT_NEAR(voted->confidence, 1.2 / 2.1, 1e-9);
}

TEST(VotePlateReads, OneConfidentReadOutweighsAWeakPair) {
    const std::vector<PlateObservation> reads = {
        Read("29B112345", 0.9),
        Read("29B-112.34", 0.3),
        Read("29B-112.34", 0.3),
    };
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "29B112345");
    EXPECT_EQ(voted->plate.kind, PlateKind::kMotorbike);
    EXPECT_EQ(voted->votes, 1);
    EXPECT_NEAR(voted->confidence, 0.9 / 1.5, 1e-9);
}

TEST(VotePlateReads, PerPositionVoteRepairsACharacterEachFrameGotWrong) {
    // Each frame misread a different character of 51F-123.45; no two whole texts agree.
    const std::vector<PlateObservation> reads = {
        Read("51F-123.46", 0.8),
        Read("51F-193.45", 0.7),
        Read("51F-723.45", 0.6),
        Read("57F-123.45", 0.5),
    };
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "51F12345");
    EXPECT_EQ(voted->plate.display, "51F-123.45");
    EXPECT_EQ(voted->plate.province, "TP. Hồ Chí Minh");
    EXPECT_EQ(voted->plate.corrections, 0);
    // The weakest position is the last digit: 0.7 + 0.6 + 0.5 for '5' out of 2.6.
    EXPECT_NEAR(voted->confidence, 1.8 / 2.6, 1e-9);
    EXPECT_EQ(voted->votes, 3);
    EXPECT_EQ(voted->observations, 4);
}

TEST(VotePlateReads, PerPositionVoteWorksOnTwoRowPlates) {
    const std::vector<PlateObservation> reads = {
        Read("29-B1", 0.6, "123.46"),
        Read("29-B7", 0.6, "123.45"),
        Read("20-B1", 0.6, "123.45"),
    };
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "29B112345");
    EXPECT_EQ(voted->plate.top_row, "29B1");
    EXPECT_EQ(voted->plate.bottom_row, "12345");
    EXPECT_EQ(voted->plate.rows, 2);
    EXPECT_EQ(voted->votes, 2);
    EXPECT_NEAR(voted->confidence, 1.2 / 1.8, 1e-9);
}

TEST(VotePlateReads, PerPositionResultMustBeAValidPlate) {
    // Position by position the reads spell 42A-123.45, and 42 is no locality code: the whole-text winner stays.
    const std::vector<PlateObservation> reads = {
        Read("43A-123.45", 0.5),
        Read("12A-123.46", 0.3),
        Read("22A-123.47", 0.3),
    };
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "43A12345");
    EXPECT_EQ(voted->votes, 1);
    EXPECT_NEAR(voted->confidence, 0.5 / 1.1, 1e-9);
}

TEST(VotePlateReads, PerPositionResultMustNotBeWeakerThanTheBestWholeText) {
    // Two motorbike reads agree (1.6). The car-layout reads are the heavier layout (2.0) and compose 51F-123.45,
    // but its weakest character (the last '5') has only 1.4 behind it: the agreeing pair wins.
    const std::vector<PlateObservation> reads = {
        Read("29B112345", 0.8),  Read("29B112345", 0.8),  Read("51F-123.46", 0.6),
        Read("51F-193.45", 0.5), Read("51F-723.45", 0.5), Read("57F-123.45", 0.4),
    };
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "29B112345");
    EXPECT_EQ(voted->plate.kind, PlateKind::kMotorbike);
    EXPECT_EQ(voted->votes, 2);
    EXPECT_NEAR(voted->confidence, 1.6 / 3.6, 1e-9);
}

TEST(VotePlateReads, KeepsTheMostConfidentReadOfTheWinningText) {
    // The same text read with and without a correction: the result carries the more confident read's details.
    const std::vector<PlateObservation> reads = {Read("51F-123.4S", 0.4), Read("51F-123.45", 0.9)};
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "51F12345");
    EXPECT_EQ(voted->plate.corrections, 0);
    EXPECT_EQ(voted->votes, 2);
    EXPECT_DOUBLE_EQ(voted->confidence, 1.0);
}

TEST(VotePlateReads, TiesGoToMoreReadsThenFewerCorrections) {
    const std::vector<PlateObservation> more_reads = {Read("29B112345", 0.6), Read("29B-112.34", 0.3),
                                                      Read("29B-112.34", 0.3)};
    auto voted = VotePlateReads(more_reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "29B11234");

    // Equal weight and reads: the read that needed fewer corrections wins, and the per-position vote breaks its
    // own tie the same way instead of composing the other text.
    const std::vector<PlateObservation> cleaner = {Read("51F-123.4S", 0.5), Read("51F-123.46", 0.5)};
    voted = VotePlateReads(cleaner);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "51F12346");
    EXPECT_EQ(voted->plate.corrections, 0);
    EXPECT_EQ(voted->votes, 1);
}

TEST(VotePlateReads, SameTextFromDifferentLayoutsCountsAsOne) {
    // The long car plate read with a correction and the 4-digit motorbike plate spell the same text.
    const std::vector<PlateObservation> reads = {Read("30K-1Z3.45", 0.5), Read("30K1", 0.5, "2345"),
                                                 Read("30K-123.46", 0.8)};
    const auto voted = VotePlateReads(reads);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "30K12345");
    EXPECT_EQ(voted->votes, 2);
    // Of two equally confident reads of the text, the one with fewer corrections describes it.
    EXPECT_EQ(voted->plate.kind, PlateKind::kMotorbike);
    EXPECT_EQ(voted->plate.corrections, 0);
}

TEST(VotePlateReads, ClampsConfidenceAndCountsReadsWhenNoneHasAny) {
    const std::vector<PlateObservation> clamped = {
        Read("51F-123.45", 7.0),
        Read("29B112345", 0.9),
        Read("29B112345", std::numeric_limits<double>::quiet_NaN()),
    };
    auto voted = VotePlateReads(clamped);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "51F12345");  // 7.0 counts as 1.0, NaN as 0: 1.0 beats 0.9
    EXPECT_NEAR(voted->confidence, 1.0 / 1.9, 1e-9);
    EXPECT_EQ(voted->observations, 3);

    const std::vector<PlateObservation> weightless = {Read("51F-123.45", 0.0), Read("29B112345", -1.0),
                                                      Read("29B112345", 0.0)};
    voted = VotePlateReads(weightless);
    ASSERT_TRUE(voted.has_value());
    EXPECT_EQ(voted->plate.text, "29B112345");
    EXPECT_EQ(voted->votes, 2);
    EXPECT_DOUBLE_EQ(voted->confidence, 0.0);
}

}  // namespace
}  // namespace precinct::vision
