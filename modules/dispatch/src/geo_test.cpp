#include "geo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numbers>
#include <random>

namespace precinct::dispatch {
namespace {

constexpr double kMetersPerDegLat = 6371008.8 * std::numbers::pi / 180.0;

TimePoint At(const char* rfc3339) { return *ParseTime(rfc3339); }

GeoPoint RandomHanoi(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> lat(20.9, 21.15), lon(105.7, 105.95);
    return GeoPoint{lat(rng), lon(rng)};
}

// Every point by distance from `center`, then id.
std::vector<std::pair<double, std::int64_t>> ByDistance(const std::map<std::int64_t, GeoPoint>& points,
                                                        GeoPoint center) {
    std::vector<std::pair<double, std::int64_t>> all;
    all.reserve(points.size());
    for (const auto& [id, p] : points) all.emplace_back(DistanceMeters(center, p), id);
    std::sort(all.begin(), all.end());
    return all;
}

std::vector<std::int64_t> FirstAccepted(const std::vector<std::pair<double, std::int64_t>>& sorted, std::size_t k,
                                        const std::function<bool(std::int64_t)>& accept) {
    std::vector<std::int64_t> ids;
    for (const auto& [d, id] : sorted) {
        if (ids.size() == k) break;
        if (!accept || accept(id)) ids.push_back(id);
    }
    return ids;
}

std::vector<std::int64_t> BruteNearest(const std::map<std::int64_t, GeoPoint>& points, GeoPoint center, std::size_t k,
                                       const std::function<bool(std::int64_t)>& accept) {
    return FirstAccepted(ByDistance(points, center), k, accept);
}

TEST(UnitIndex, UpsertMoveRemove) {
    UnitIndex index;
    EXPECT_TRUE(index.empty());
    ASSERT_TRUE(index.Upsert(1, {21.0285, 105.8542}).has_value());
    ASSERT_TRUE(index.Upsert(2, {21.0300, 105.8500}).has_value());
    EXPECT_EQ(index.size(), 2u);
    ASSERT_TRUE(index.Upsert(1, {21.1000, 105.7500}).has_value());  // moves to another cell
    EXPECT_EQ(index.size(), 2u);
    EXPECT_DOUBLE_EQ(index.Position(1)->lat, 21.1);
    EXPECT_EQ(index.Nearest({21.1, 105.75}, 1), std::vector<std::int64_t>{1});
    EXPECT_TRUE(index.Remove(1));
    EXPECT_FALSE(index.Remove(1));
    EXPECT_FALSE(index.Position(1).has_value());
    EXPECT_EQ(index.Nearest({21.1, 105.75}, 5), std::vector<std::int64_t>{2});
    EXPECT_TRUE(index.Remove(2));
    EXPECT_TRUE(index.Nearest({21.1, 105.75}, 5).empty());
}

TEST(UnitIndex, RejectsInvalidPoints) {
    UnitIndex index;
    auto status = index.Upsert(1, {91, 105});
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().field, "position");
    EXPECT_FALSE(index.Upsert(1, {std::nan(""), 105}).has_value());
    EXPECT_TRUE(index.empty());
    ASSERT_TRUE(index.Upsert(1, {21, 105.8}).has_value());
    EXPECT_FALSE(index.Upsert(1, {21, 181}).has_value());
    EXPECT_DOUBLE_EQ(index.Position(1)->lon, 105.8);  // unchanged
    EXPECT_TRUE(index.Nearest({95, 0}, 1).empty());   // invalid centre
}

TEST(UnitIndex, ManyUnitsInOneCellSurviveRemovalsInAnyOrder) {
    UnitIndex index;
    std::map<std::int64_t, GeoPoint> points;
    for (std::int64_t id = 0; id < 50; ++id) {
        GeoPoint p{21.0285 + static_cast<double>(id) * 1e-6, 105.8542};
        points[id] = p;
        ASSERT_TRUE(index.Upsert(id, p).has_value());
    }
    for (std::int64_t id : {0, 49, 25, 3, 7, 48}) {
        EXPECT_TRUE(index.Remove(id));
        points.erase(id);
    }
    for (const auto& [id, p] : points) EXPECT_DOUBLE_EQ(index.Position(id)->lat, p.lat);
    EXPECT_EQ(index.Nearest({21.0285, 105.8542}, 100), BruteNearest(points, {21.0285, 105.8542}, 100, {}));
}

TEST(UnitIndex, KNearestMatchesBruteForceOnTenThousandPoints) {
    std::mt19937_64 rng(20240611);
    std::map<std::int64_t, GeoPoint> points;
    UnitIndex index;
    for (std::int64_t id = 1; id <= 10000; ++id) {
        const GeoPoint p = RandomHanoi(rng);
        points[id] = p;
        ASSERT_TRUE(index.Upsert(id, p).has_value());
    }
    ASSERT_EQ(index.size(), 10000u);
    std::uniform_real_distribution<double> qlat(20.85, 21.2), qlon(105.65, 106.0);  // some queries outside
    const std::function<bool(std::int64_t)> every_seventh = [](std::int64_t id) { return id % 7 == 0; };
    const std::function<bool(std::int64_t)> rare = [](std::int64_t id) { return id % 997 == 0; };
    int checked = 0;
    for (int q = 0; q < 200; ++q) {
        const GeoPoint center{qlat(rng), qlon(rng)};
        const auto sorted = ByDistance(points, center);
        for (std::size_t k : {std::size_t{1}, std::size_t{5}, std::size_t{20}, std::size_t{100}}) {
            ASSERT_EQ(index.Nearest(center, k), FirstAccepted(sorted, k, {})) << q << " k=" << k;
            ASSERT_EQ(index.Nearest(center, k, every_seventh), FirstAccepted(sorted, k, every_seventh));
            ASSERT_EQ(index.Nearest(center, k, rare), FirstAccepted(sorted, k, rare));
            checked += 3;
        }
    }
    EXPECT_EQ(checked, 2400);
    // Distances come back with the ids, ascending.
    auto near = index.NearestNeighbors({21.0285, 105.8542}, 50);
    ASSERT_EQ(near.size(), 50u);
    for (std::size_t i = 0; i < near.size(); ++i) {
        EXPECT_DOUBLE_EQ(near[i].distance_m, DistanceMeters({21.0285, 105.8542}, points[near[i].id]));
        if (i > 0) {
            EXPECT_LE(near[i - 1].distance_m, near[i].distance_m);
        }
    }
}

TEST(UnitIndex, KNearestStaysExactAfterMovesAndRemovals) {
    std::mt19937_64 rng(7);
    std::map<std::int64_t, GeoPoint> points;
    UnitIndex index(UnitIndexSettings{.cell_size_m = 400});
    for (std::int64_t id = 1; id <= 3000; ++id) {
        points[id] = RandomHanoi(rng);
        ASSERT_TRUE(index.Upsert(id, points[id]).has_value());
    }
    std::uniform_int_distribution<std::int64_t> pick(1, 3000);
    for (int step = 0; step < 3000; ++step) {
        const std::int64_t id = pick(rng);
        if (step % 3 == 0) {
            EXPECT_EQ(index.Remove(id), points.erase(id) == 1);
        } else {
            points[id] = RandomHanoi(rng);
            ASSERT_TRUE(index.Upsert(id, points[id]).has_value());
        }
    }
    EXPECT_EQ(index.size(), points.size());
    for (int q = 0; q < 100; ++q) {
        const GeoPoint center = RandomHanoi(rng);
        ASSERT_EQ(index.Nearest(center, 10), BruteNearest(points, center, 10, {}));
    }
}

TEST(UnitIndex, DifferentCellSizesAgree) {
    std::mt19937_64 rng(99);
    std::map<std::int64_t, GeoPoint> points;
    UnitIndex small(UnitIndexSettings{.cell_size_m = 100});
    UnitIndex large(UnitIndexSettings{.cell_size_m = 20000});
    for (std::int64_t id = 1; id <= 2000; ++id) {
        points[id] = RandomHanoi(rng);
        ASSERT_TRUE(small.Upsert(id, points[id]).has_value());
        ASSERT_TRUE(large.Upsert(id, points[id]).has_value());
    }
    for (int q = 0; q < 50; ++q) {
        const GeoPoint center = RandomHanoi(rng);
        const auto expected = BruteNearest(points, center, 8, {});
        EXPECT_EQ(small.Nearest(center, 8), expected);
        EXPECT_EQ(large.Nearest(center, 8), expected);
    }
    EXPECT_DOUBLE_EQ(UnitIndex(UnitIndexSettings{.cell_size_m = 0.001}).cell_size_m(), 10.0);
    EXPECT_DOUBLE_EQ(UnitIndex(UnitIndexSettings{.cell_size_m = std::nan("")}).cell_size_m(), 1000.0);
}

TEST(UnitIndex, FindsFarOutliersAndHandlesSelectiveFilters) {
    std::mt19937_64 rng(3);
    std::map<std::int64_t, GeoPoint> points;
    UnitIndex index;
    for (std::int64_t id = 1; id <= 500; ++id) {
        points[id] = RandomHanoi(rng);
        ASSERT_TRUE(index.Upsert(id, points[id]).has_value());
    }
    // A GPS glitch far away and a unit in Ho Chi Minh City.
    points[9001] = {0.0, 0.0};
    points[9002] = {10.7769, 106.7009};
    for (std::int64_t id : {9001, 9002}) ASSERT_TRUE(index.Upsert(id, points[id]).has_value());
    const GeoPoint hanoi{21.0285, 105.8542};
    EXPECT_EQ(index.Nearest(hanoi, 1, [](std::int64_t id) { return id == 9002; }), std::vector<std::int64_t>{9002});
    EXPECT_EQ(index.Nearest(hanoi, 2, [](std::int64_t id) { return id > 9000; }),
              (std::vector<std::int64_t>{9002, 9001}));
    EXPECT_TRUE(index.Nearest(hanoi, 3, [](std::int64_t) { return false; }).empty());
    EXPECT_EQ(index.Nearest(hanoi, 1000), BruteNearest(points, hanoi, 1000, {}));
    EXPECT_EQ(index.Nearest({0.001, 0.001}, 1), std::vector<std::int64_t>{9001});
}

TEST(UnitIndex, AcceptIsCalledAtMostOncePerUnit) {
    std::mt19937_64 rng(5);
    UnitIndex index;
    for (std::int64_t id = 1; id <= 2000; ++id) ASSERT_TRUE(index.Upsert(id, RandomHanoi(rng)).has_value());
    std::map<std::int64_t, int> calls;
    auto ids = index.Nearest({21.0, 105.8}, 30, [&](std::int64_t id) {
        ++calls[id];
        return id % 2 == 0;
    });
    EXPECT_EQ(ids.size(), 30u);
    for (const auto& [id, n] : calls) EXPECT_EQ(n, 1) << id;
    EXPECT_LT(calls.size(), 2000u);  // the search did not look at everything
}

TEST(UnitIndex, ForEachNearMatchesBruteForce) {
    std::mt19937_64 rng(11);
    std::map<std::int64_t, GeoPoint> points;
    UnitIndex index;
    for (std::int64_t id = 1; id <= 5000; ++id) {
        points[id] = RandomHanoi(rng);
        ASSERT_TRUE(index.Upsert(id, points[id]).has_value());
    }
    for (int q = 0; q < 40; ++q) {
        const GeoPoint center = RandomHanoi(rng);
        for (double radius : {0.0, 150.0, 900.0, 2500.0, 60000.0}) {
            std::vector<std::int64_t> got, expected;
            index.ForEachNear(center, radius, [&](const Neighbor& n) {
                EXPECT_LE(n.distance_m, radius);
                got.push_back(n.id);
            });
            for (const auto& [id, p] : points) {
                if (DistanceMeters(center, p) <= radius) expected.push_back(id);
            }
            std::sort(got.begin(), got.end());
            ASSERT_EQ(got, expected) << "radius " << radius;
        }
    }
    int calls = 0;
    index.ForEachNear({21, 105.8}, -1, [&](const Neighbor&) { ++calls; });
    index.ForEachNear({21, 105.8}, std::nan(""), [&](const Neighbor&) { ++calls; });
    EXPECT_EQ(calls, 0);
    index.ForEachNear({21, 105.8}, std::numeric_limits<double>::infinity(), [&](const Neighbor&) { ++calls; });
    EXPECT_EQ(calls, 5000);
}

// ---- formatting ----

TEST(GeoFormat, NumbersDurationsDistances) {
    EXPECT_EQ(FormatDecimal(3.24, 1, true), "3,2");
    EXPECT_EQ(FormatDecimal(3.25001, 1, false), "3.3");
    EXPECT_EQ(FormatDecimal(-0.01, 1, false), "0.0");
    EXPECT_EQ(FormatDecimal(1234.6, 0, true), "1235");  // no digit grouping
    EXPECT_EQ(FormatDurationVi(520.8), "8 phút 41 giây");
    EXPECT_EQ(FormatDurationEn(520.8), "8 min 41 s");
    EXPECT_EQ(FormatDurationEn(45.2), "45 s");
    EXPECT_EQ(FormatDurationVi(120), "2 phút");
    EXPECT_EQ(FormatDurationEn(3600 + 5 * 60 + 20), "1 h 5 min");
    EXPECT_EQ(FormatDurationEn(std::numeric_limits<double>::infinity()), "unknown");
    EXPECT_EQ(FormatDistance(849.6, true), "850 m");
    EXPECT_EQ(FormatDistance(3240, true), "3,2 km");
    EXPECT_EQ(FormatDistance(3240, false), "3.2 km");
}

// ---- travel estimation ----

// Two points `meters` apart along a meridian near Hoan Kiem.
std::pair<GeoPoint, GeoPoint> Apart(double meters) {
    const GeoPoint a{21.0285, 105.8542};
    return {a, GeoPoint{a.lat + meters / kMetersPerDegLat, a.lon}};
}

TEST(RoadFactorRouter, EstimateOutsideRushHour) {
    RoadFactorRouter router;
    const auto [from, to] = Apart(3200 / 1.35);
    const auto est = router.Estimate(from, to, UnitKind::kPatrolCar, At("2026-03-02T03:00:00Z"));  // 10:00 local
    EXPECT_EQ(est.method, "road_factor");
    EXPECT_NEAR(est.distance_m, 3200, 1e-6);
    EXPECT_NEAR(est.seconds, 3200 / (25 / 3.6) + 60, 1e-6);
    EXPECT_EQ(est.explain_vi, "3,2 km đường (hệ số 1,35) ở 25 km/h + 60 s xuất phát = 8 phút 41 giây");
    EXPECT_EQ(est.explain_en, "3.2 km by road (factor 1.35) at 25 km/h + 60 s turnout = 8 min 41 s");
}

TEST(RoadFactorRouter, EstimateInRushHour) {
    RoadFactorRouter router;
    const auto [from, to] = Apart(3200 / 1.35);
    const auto est = router.Estimate(from, to, UnitKind::kPatrolCar, At("2026-03-02T01:00:00Z"));  // 08:00 local
    EXPECT_NEAR(est.seconds, 3200 / (15 / 3.6) + 60, 1e-6);
    EXPECT_EQ(est.explain_vi,
              "3,2 km đường (hệ số 1,35) ở 15 km/h (giờ cao điểm, 25 km/h × 0,6) + 60 s xuất phát = 13 phút 48 giây");
    EXPECT_EQ(est.explain_en,
              "3.2 km by road (factor 1.35) at 15 km/h (rush hour, 25 km/h × 0.6) + 60 s turnout = 13 min 48 s");
}

TEST(RoadFactorRouter, RushHourWindowsAreLocalTime) {
    RoadFactorRouter router;
    EXPECT_FALSE(router.IsRushHour(At("2026-03-02T06:59:59+07:00")));
    EXPECT_TRUE(router.IsRushHour(At("2026-03-02T07:00:00+07:00")));
    EXPECT_TRUE(router.IsRushHour(At("2026-03-02T08:59:59+07:00")));
    EXPECT_FALSE(router.IsRushHour(At("2026-03-02T09:00:00+07:00")));
    EXPECT_FALSE(router.IsRushHour(At("2026-03-02T16:29:59+07:00")));
    EXPECT_TRUE(router.IsRushHour(At("2026-03-02T16:30:00+07:00")));
    EXPECT_TRUE(router.IsRushHour(At("2026-03-02T18:59:59+07:00")));
    EXPECT_FALSE(router.IsRushHour(At("2026-03-02T19:00:00+07:00")));
    EXPECT_TRUE(router.IsRushHour(At("2026-03-02T10:00:00Z")));        // 17:00 local
    EXPECT_FALSE(router.IsRushHour(At("2026-03-02T01:00:00-07:00")));  // 15:00 local
    EXPECT_TRUE(router.IsRushHour(At("1969-12-31T01:30:00Z")));        // before the epoch: 08:30 local
}

TEST(RoadFactorRouter, SpeedsAndTurnoutPerKind) {
    RoadFactorRouter router;
    const auto [from, to] = Apart(10000);
    const TimePoint calm = At("2026-03-02T12:00:00+07:00");
    const std::map<UnitKind, std::pair<double, double>> expected = {
        {UnitKind::kMotorbike, {30, 60}}, {UnitKind::kPatrolCar, {25, 60}}, {UnitKind::kFireEngine, {22, 90}},
        {UnitKind::kLadder, {18, 90}},    {UnitKind::kRescue, {22, 90}},
    };
    for (const auto& [kind, profile] : expected) {
        const auto est = router.Estimate(from, to, kind, calm);
        EXPECT_NEAR(est.seconds, 13500 / (profile.first / 3.6) + profile.second, 1e-6) << UnitKindCode(kind);
        EXPECT_LE(*router.MinSeconds(10000, calm), est.seconds);
        EXPECT_LE(*router.MinSeconds(10000, At("2026-03-02T08:00:00+07:00")),
                  router.Estimate(from, to, kind, At("2026-03-02T08:00:00+07:00")).seconds);
    }
    EXPECT_NEAR(*router.MinSeconds(10000, calm), 13500 / (30 / 3.6) + 60, 1e-3);
    const auto same = router.Estimate(from, from, UnitKind::kFireEngine, calm);
    EXPECT_DOUBLE_EQ(same.seconds, 90);
    EXPECT_EQ(same.explain_en, "0 m by road (factor 1.35) at 22 km/h + 90 s turnout = 1 min 30 s");
    const auto bad = router.Estimate({100, 0}, to, UnitKind::kFireEngine, calm);
    EXPECT_TRUE(std::isinf(bad.seconds));
}

TEST(RoadFactorRouter, SettingsValidation) {
    EXPECT_TRUE(ValidateRoadFactorSettings({}).has_value());
    RoadFactorSettings s;
    s.ladder.speed_kmh = 0;
    auto status = ValidateRoadFactorSettings(s);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().field, "ladder.speed_kmh");
    s = {};
    s.rush_hours = {{9 * 3600, 8 * 3600}};
    EXPECT_EQ(ValidateRoadFactorSettings(s).error().field, "rush_hours");
    s = {};
    s.road_factor = 0.5;
    EXPECT_EQ(ValidateRoadFactorSettings(s).error().field, "road_factor");

    // The router replaces bad settings by defaults and keeps the good ones.
    s = {};
    s.road_factor = std::nan("");
    s.motorbike.speed_kmh = 40;
    s.fire_engine.turnout_s = -1;
    RoadFactorRouter router(s);
    EXPECT_DOUBLE_EQ(router.settings().road_factor, 1.35);
    EXPECT_DOUBLE_EQ(router.settings().motorbike.speed_kmh, 40);
    EXPECT_DOUBLE_EQ(router.settings().fire_engine.turnout_s, 90);

    // No rush hours at all is valid.
    s = {};
    s.rush_hours.clear();
    RoadFactorRouter calm(s);
    EXPECT_FALSE(calm.IsRushHour(At("2026-03-02T08:00:00+07:00")));
}

}  // namespace
}  // namespace precinct::dispatch
