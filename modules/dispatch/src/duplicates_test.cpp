#include "duplicates.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace precinct::dispatch {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr double kMetersPerDegLat = 6371008.8 * std::numbers::pi / 180.0;
const GeoPoint kHoanKiem{21.0285, 105.8542};
const TimePoint kNow = FromUnixMillis(1'772'000'000'000);

GeoPoint North(GeoPoint p, double meters) { return GeoPoint{p.lat + meters / kMetersPerDegLat, p.lon}; }

NewCallFacts Call(Category category, std::optional<GeoPoint> point, double accuracy_m = 0) {
    return NewCallFacts{category, point, accuracy_m, kNow, ""};
}

OpenIncident Incident(std::int64_t id, Category category, std::optional<GeoPoint> point, TimePoint created,
                      double accuracy_m = 0) {
    return OpenIncident{id, category, point, accuracy_m, created, ""};
}

DuplicateParams Everything() {
    DuplicateParams params;
    params.min_score = 0;
    params.max_candidates = 100;
    return params;
}

TEST(Duplicates, SamePlaceAndTimeScoresOne) {
    auto found = FindDuplicates(Call(Category::kFire, kHoanKiem), {Incident(7, Category::kFire, kHoanKiem, kNow)}, {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].incident_id, 7);
    EXPECT_DOUBLE_EQ(found[0].score, 1.0);
    EXPECT_DOUBLE_EQ(found[0].distance_m, 0);
    EXPECT_DOUBLE_EQ(found[0].age_s, 0);
    EXPECT_EQ(found[0].reason_en, "#7 FIRE, same category; 0 m away; opened under 1 min before the call; score 1.00");
    EXPECT_EQ(found[0].reason_vi, "#7 Cháy, nổ, cùng loại; cách 0 m; mở trước cuộc gọi chưa đến 1 phút; điểm 1,00");
}

TEST(Duplicates, ReasonStatesDistanceAccuracyAndMinutes) {
    auto found = FindDuplicates(Call(Category::kFire, kHoanKiem, 20),
                                {Incident(42, Category::kFire, North(kHoanKiem, 180), kNow - seconds(360), 50)}, {});
    ASSERT_EQ(found.size(), 1u);
    const double expected = std::exp(-0.5 * std::pow(110.0 / 250, 2)) * std::exp(-0.5 * std::pow(360.0 / 900, 2));
    EXPECT_NEAR(found[0].score, expected, 1e-6);
    EXPECT_NEAR(found[0].distance_m, 180, 1e-6);
    EXPECT_DOUBLE_EQ(found[0].age_s, 360);
    EXPECT_EQ(found[0].reason_en,
              "#42 FIRE, same category; 180 m away (accuracy ±20 m and ±50 m, effective distance 110 m); opened 6 min "
              "before the call; score 0.84");
    EXPECT_EQ(found[0].reason_vi,
              "#42 Cháy, nổ, cùng loại; cách 180 m (sai số ±20 m và ±50 m, khoảng cách hiệu dụng 110 m); mở trước "
              "cuộc gọi 6 phút; điểm 0,84");
}

TEST(Duplicates, UnrelatedCategoriesNeverMatch) {
    for (Category other : {Category::kCrimeViolent, Category::kMedical, Category::kTraffic, Category::kInfo}) {
        EXPECT_TRUE(
            FindDuplicates(Call(Category::kFire, kHoanKiem), {Incident(1, other, kHoanKiem, kNow)}, Everything())
                .empty());
    }
    EXPECT_DOUBLE_EQ(CategoryAffinity(Category::kMedical, Category::kTraffic), 0);
    EXPECT_DOUBLE_EQ(CategoryAffinity(Category::kFire, Category::kTraffic), 0);
}

TEST(Duplicates, RelatedCategoriesMatchWithPenalty) {
    EXPECT_DOUBLE_EQ(CategoryAffinity(Category::kFire, Category::kRescue), kRelatedCategoryFactor);
    EXPECT_DOUBLE_EQ(CategoryAffinity(Category::kRescue, Category::kTraffic), kRelatedCategoryFactor);
    EXPECT_DOUBLE_EQ(CategoryAffinity(Category::kTraffic, Category::kTraffic), 1);
    auto found =
        FindDuplicates(Call(Category::kRescue, kHoanKiem),
                       {Incident(1, Category::kFire, kHoanKiem, kNow), Incident(2, Category::kRescue, kHoanKiem, kNow),
                        Incident(3, Category::kTraffic, kHoanKiem, kNow)},
                       {});
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].incident_id, 2);
    EXPECT_DOUBLE_EQ(found[0].score, 1.0);
    EXPECT_EQ(found[1].incident_id, 1);
    EXPECT_DOUBLE_EQ(found[1].score, 0.8);
    EXPECT_NE(found[1].reason_en.find("related category (×0.8)"), std::string::npos);
    EXPECT_NE(found[1].reason_vi.find("loại liên quan (×0,8)"), std::string::npos);
    EXPECT_EQ(found[2].incident_id, 3);
}

TEST(Duplicates, ScoreFallsWithDistanceAndStopsAtRadius) {
    std::vector<OpenIncident> open;
    for (int i = 0; i <= 6; ++i) open.push_back(Incident(i, Category::kTraffic, North(kHoanKiem, i * 95.0), kNow));
    auto found = FindDuplicates(Call(Category::kTraffic, kHoanKiem), open, Everything());
    ASSERT_EQ(found.size(), 6u);  // 0..475 m; 570 m is beyond the radius
    for (std::size_t i = 0; i < found.size(); ++i) {
        EXPECT_EQ(found[i].incident_id, static_cast<std::int64_t>(i));
        if (i > 0) {
            EXPECT_LT(found[i].score, found[i - 1].score);
        }
    }
    EXPECT_NEAR(found[5].score, std::exp(-0.5 * std::pow(475.0 / 250, 2)), 1e-6);  // sigma is half the radius
    // The default threshold keeps those within about 294 m (0, 95, 190 and 285 m).
    auto likely = FindDuplicates(Call(Category::kTraffic, kHoanKiem), open, DuplicateParams{.max_candidates = 10});
    EXPECT_EQ(likely.size(), 4u);
}

TEST(Duplicates, AccuraciesShrinkTheDistanceButAreCapped) {
    // 300 m apart, 100 m + 150 m uncertain: effectively 50 m apart.
    auto found = FindDuplicates(Call(Category::kFire, kHoanKiem, 100),
                                {Incident(1, Category::kFire, North(kHoanKiem, 300), kNow, 150)}, {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NEAR(found[0].score, std::exp(-0.5 * 0.2 * 0.2), 1e-6);
    // 800 m apart, both 1 km uncertain: each counts at most the radius (500 m), so effectively 0 m.
    found = FindDuplicates(Call(Category::kFire, kHoanKiem, 1000),
                           {Incident(1, Category::kFire, North(kHoanKiem, 800), kNow, 1000)}, {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_DOUBLE_EQ(found[0].score, 1.0);
    // 3 km apart, both 5 km uncertain (cell-tower fixes): no match.
    EXPECT_TRUE(FindDuplicates(Call(Category::kFire, kHoanKiem, 5000),
                               {Incident(1, Category::kFire, North(kHoanKiem, 3000), kNow, 5000)}, Everything())
                    .empty());
    // Nonsense accuracies count as zero.
    found = FindDuplicates(Call(Category::kFire, kHoanKiem, -5),
                           {Incident(1, Category::kFire, North(kHoanKiem, 100), kNow, std::nan(""))}, Everything());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NEAR(found[0].score, std::exp(-0.5 * 0.4 * 0.4), 1e-6);
}

TEST(Duplicates, ScoreFallsWithAgeAndStopsAtWindow) {
    auto found = FindDuplicates(Call(Category::kFire, kHoanKiem),
                                {Incident(1, Category::kFire, kHoanKiem, kNow - minutes(10)),
                                 Incident(2, Category::kFire, kHoanKiem, kNow - minutes(29)),
                                 Incident(3, Category::kFire, kHoanKiem, kNow - minutes(31)),
                                 Incident(4, Category::kFire, kHoanKiem, kNow + minutes(2))},
                                Everything());
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].incident_id, 4);  // created 2 min after the call was received (clock skew, queueing)
    EXPECT_NE(found[0].reason_en.find("opened 2 min after the call"), std::string::npos);
    EXPECT_NE(found[0].reason_vi.find("mở sau cuộc gọi 2 phút"), std::string::npos);
    EXPECT_EQ(found[1].incident_id, 1);
    EXPECT_NEAR(found[1].score, std::exp(-0.5 * std::pow(600.0 / 900, 2)), 1e-9);
    EXPECT_EQ(found[2].incident_id, 2);
}

TEST(Duplicates, AddressMatchWhenPointsAreMissing) {
    NewCallFacts call = Call(Category::kPublicOrder, std::nullopt);
    call.address_folded = "12 pho hue, hai ba trung";
    OpenIncident same = Incident(1, Category::kPublicOrder, kHoanKiem, kNow - minutes(5));
    same.address_folded = "12 pho hue, hai ba trung";
    OpenIncident other = Incident(2, Category::kPublicOrder, std::nullopt, kNow);
    other.address_folded = "14 pho hue, hai ba trung";
    OpenIncident blank = Incident(3, Category::kPublicOrder, std::nullopt, kNow);
    auto found = FindDuplicates(call, {same, other, blank}, Everything());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].incident_id, 1);
    EXPECT_DOUBLE_EQ(found[0].distance_m, -1);
    EXPECT_NEAR(found[0].score, std::exp(-0.5 * std::pow(300.0 / 900, 2)), 1e-9);
    EXPECT_NE(found[0].reason_en.find("same address"), std::string::npos);
    EXPECT_NE(found[0].reason_en.find("5 min"), std::string::npos);
    EXPECT_NE(found[0].reason_vi.find("cùng địa chỉ"), std::string::npos);

    // Two empty addresses are not a match.
    NewCallFacts nowhere = Call(Category::kPublicOrder, std::nullopt);
    EXPECT_TRUE(FindDuplicates(nowhere, {blank}, Everything()).empty());
    // With both points present the points decide, even if the addresses match.
    NewCallFacts located = Call(Category::kPublicOrder, North(kHoanKiem, 2000));
    located.address_folded = same.address_folded;
    EXPECT_TRUE(FindDuplicates(located, {same}, Everything()).empty());
    // An invalid point counts as missing.
    NewCallFacts broken = Call(Category::kPublicOrder, GeoPoint{123, 456});
    broken.address_folded = same.address_folded;
    EXPECT_EQ(FindDuplicates(broken, {same}, Everything()).size(), 1u);
}

TEST(Duplicates, BestFirstThresholdAndLimit) {
    std::vector<OpenIncident> open;
    for (int i = 0; i < 10; ++i) {
        open.push_back(Incident(100 - i, Category::kCrimeProperty, North(kHoanKiem, 20.0 * i), kNow - minutes(i)));
    }
    open.push_back(Incident(5, Category::kCrimeProperty, kHoanKiem, kNow));  // ties with id 100 on everything
    auto found = FindDuplicates(Call(Category::kCrimeProperty, kHoanKiem), open, {});
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].incident_id, 5);
    EXPECT_EQ(found[1].incident_id, 100);
    EXPECT_EQ(found[2].incident_id, 99);
    for (const auto& c : found) {
        EXPECT_GE(c.score, 0.5);
        EXPECT_LE(c.score, 1.0);
    }
    DuplicateParams strict;
    strict.min_score = 0.95;
    strict.max_candidates = 20;
    for (const auto& c : FindDuplicates(Call(Category::kCrimeProperty, kHoanKiem), open, strict)) {
        EXPECT_GE(c.score, 0.95);
    }
    DuplicateParams none;
    none.max_candidates = 0;
    EXPECT_TRUE(FindDuplicates(Call(Category::kCrimeProperty, kHoanKiem), open, none).empty());
    EXPECT_TRUE(FindDuplicates(Call(Category::kCrimeProperty, kHoanKiem), {}, {}).empty());
}

}  // namespace
}  // namespace precinct::dispatch
