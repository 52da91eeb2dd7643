#include "recommend.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numbers>
#include <random>

namespace precinct::dispatch {
namespace {

constexpr double kMetersPerDegLat = 6371008.8 * std::numbers::pi / 180.0;
const GeoPoint kScene{21.0285, 105.8542};
const TimePoint kNoon = *ParseTime("2026-03-02T12:00:00+07:00");
const TimePoint kMorningRush = *ParseTime("2026-03-02T08:00:00+07:00");

GeoPoint North(GeoPoint p, double meters) { return GeoPoint{p.lat + meters / kMetersPerDegLat, p.lon}; }
GeoPoint East(GeoPoint p, double meters) {
    return GeoPoint{p.lat, p.lon + meters / (kMetersPerDegLat * std::cos(p.lat * std::numbers::pi / 180))};
}

// A router that estimates like RoadFactorRouter but offers no lower bound.
class UnboundedRouter final : public TravelRouter {
public:
    TravelEstimate Estimate(GeoPoint from, GeoPoint to, UnitKind kind, TimePoint at) const override {
        return inner_.Estimate(from, to, kind, at);
    }

private:
    RoadFactorRouter inner_;
};

class Fleet {
public:
    void Add(std::int64_t id, UnitKind kind, GeoPoint position, UnitStatus status = UnitStatus::kAvailable) {
        UnitSnapshot unit{id, "U" + std::to_string(id), kind, status, DefaultCapabilities(kind), position, "PCCC-1"};
        units_[id] = unit;
        ASSERT_TRUE(index_.Upsert(id, position).has_value());
    }
    UnitSnapshot& operator[](std::int64_t id) { return units_.at(id); }
    const std::map<std::int64_t, UnitSnapshot>& units() const { return units_; }
    UnitIndex& index() { return index_; }

    std::vector<Recommendation> Recommend(GeoPoint at, Capabilities required, TimePoint now, std::size_t limit,
                                          const TravelRouter& router) const {
        return dispatch::Recommend(
            at, required, now, index_,
            [this](std::int64_t id) -> const UnitSnapshot* {
                auto it = units_.find(id);
                return it == units_.end() ? nullptr : &it->second;
            },
            router, limit);
    }
    std::vector<Recommendation> Recommend(GeoPoint at, Capabilities required, TimePoint now, std::size_t limit) const {
        return Recommend(at, required, now, limit, router_);
    }

private:
    std::map<std::int64_t, UnitSnapshot> units_;
    UnitIndex index_;
    RoadFactorRouter router_;
};

std::vector<std::int64_t> Ids(const std::vector<Recommendation>& recs) {
    std::vector<std::int64_t> ids;
    for (const auto& r : recs) ids.push_back(r.unit_id);
    return ids;
}

const Capabilities kPolice{Capability::kPolice};
const Capabilities kFire{Capability::kFireSuppression};
const Capabilities kFirstAid{Capability::kFirstAid};

TEST(Recommend, OrdersByEtaWithReasons) {
    Fleet fleet;
    fleet.Add(3, UnitKind::kPatrolCar, North(kScene, 2000));
    fleet.Add(1, UnitKind::kPatrolCar, North(kScene, 500));
    fleet.Add(2, UnitKind::kPatrolCar, East(kScene, 1000));
    auto recs = fleet.Recommend(kScene, kPolice, kNoon, 5);
    ASSERT_EQ(Ids(recs), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(recs[0].call_sign, "U1");
    EXPECT_NEAR(recs[0].distance_m, 500, 1e-6);
    EXPECT_NEAR(recs[0].eta_s, 500 * 1.35 / (25 / 3.6) + 60, 1e-6);
    ASSERT_EQ(recs[0].reasons_en.size(), 3u);
    ASSERT_EQ(recs[0].reasons_vi.size(), 3u);
    EXPECT_EQ(recs[0].reasons_en[0], "Has the required capabilities: police");
    EXPECT_EQ(recs[0].reasons_vi[0], "Đủ năng lực yêu cầu: cảnh sát");
    EXPECT_EQ(recs[0].reasons_en[1], "500 m from the scene in a straight line");
    EXPECT_EQ(recs[0].reasons_vi[1], "Cách hiện trường 500 m đường chim bay");
    EXPECT_EQ(recs[0].reasons_en[2], "ETA: 675 m by road (factor 1.35) at 25 km/h + 60 s turnout = 2 min 37 s");
    EXPECT_EQ(recs[0].reasons_vi[2],
              "Thời gian đến dự kiến: 675 m đường (hệ số 1,35) ở 25 km/h + 60 s xuất phát = 2 phút 37 giây");
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kPolice, kNoon, 2)), (std::vector<std::int64_t>{1, 2}));
}

TEST(Recommend, EqualEtasBreakTiesById) {
    Fleet fleet;
    fleet.Add(9, UnitKind::kPatrolCar, kScene);
    fleet.Add(4, UnitKind::kPatrolCar, kScene);
    fleet.Add(6, UnitKind::kPatrolCar, kScene);
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kPolice, kNoon, 3)), (std::vector<std::int64_t>{4, 6, 9}));
}

TEST(Recommend, FiltersByCapability) {
    Fleet fleet;
    fleet.Add(1, UnitKind::kPatrolCar, North(kScene, 100));
    fleet.Add(2, UnitKind::kMotorbike, North(kScene, 200));
    fleet.Add(3, UnitKind::kFireEngine, North(kScene, 3000));
    fleet.Add(4, UnitKind::kLadder, North(kScene, 4000));
    fleet.Add(5, UnitKind::kRescue, North(kScene, 5000));
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kFire, kNoon, 5)), (std::vector<std::int64_t>{3, 4}));
    EXPECT_EQ(Ids(fleet.Recommend(kScene, {Capability::kLadder}, kNoon, 5)), (std::vector<std::int64_t>{4}));
    EXPECT_EQ(Ids(fleet.Recommend(kScene, {Capability::kHazmat, Capability::kWaterRescue}, kNoon, 5)),
              (std::vector<std::int64_t>{5}));
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kFirstAid, kNoon, 5)), (std::vector<std::int64_t>{1, 3, 5}));
    EXPECT_EQ(Ids(fleet.Recommend(kScene, RequiredCapabilities(Category::kTraffic), kNoon, 5)),
              (std::vector<std::int64_t>{1, 2}));
    EXPECT_TRUE(fleet.Recommend(kScene, {Capability::kLadder, Capability::kHazmat}, kNoon, 5).empty());
    // No requirement: everyone available, with a reason that says so.
    auto all = fleet.Recommend(kScene, {}, kNoon, 10);
    EXPECT_EQ(all.size(), 5u);
    EXPECT_EQ(all[0].reasons_en[0], "No specific capability required");
    // A unit's own record wins over its kind's defaults.
    fleet[1].caps.Remove(Capability::kFirstAid);
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kFirstAid, kNoon, 5)), (std::vector<std::int64_t>{3, 5}));
}

TEST(Recommend, SkipsUnavailableUnlocatedAndUnknownUnits) {
    Fleet fleet;
    fleet.Add(1, UnitKind::kPatrolCar, North(kScene, 100), UnitStatus::kDispatched);
    fleet.Add(2, UnitKind::kPatrolCar, North(kScene, 200), UnitStatus::kEnRoute);
    fleet.Add(3, UnitKind::kPatrolCar, North(kScene, 300), UnitStatus::kOnScene);
    fleet.Add(4, UnitKind::kPatrolCar, North(kScene, 400), UnitStatus::kClearing);
    fleet.Add(5, UnitKind::kPatrolCar, North(kScene, 500), UnitStatus::kOutOfService);
    fleet.Add(6, UnitKind::kPatrolCar, North(kScene, 600));
    fleet.Add(7, UnitKind::kPatrolCar, North(kScene, 700));
    fleet.Add(8, UnitKind::kPatrolCar, North(kScene, 800));
    fleet[6].position.reset();                                             // indexed, but its record has no position
    ASSERT_TRUE(fleet.index().Upsert(99, North(kScene, 50)).has_value());  // indexed, unknown to the lookup
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kPolice, kNoon, 5)), (std::vector<std::int64_t>{7, 8}));
    fleet[4].status = UnitStatus::kAvailable;
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kPolice, kNoon, 5)), (std::vector<std::int64_t>{4, 7, 8}));
}

TEST(Recommend, DegenerateInputs) {
    Fleet fleet;
    EXPECT_TRUE(fleet.Recommend(kScene, kPolice, kNoon, 5).empty());  // empty index
    fleet.Add(1, UnitKind::kPatrolCar, North(kScene, 100));
    EXPECT_TRUE(fleet.Recommend(kScene, kPolice, kNoon, 0).empty());
    EXPECT_TRUE(fleet.Recommend(GeoPoint{91, 0}, kPolice, kNoon, 5).empty());
    RoadFactorRouter router;
    EXPECT_TRUE(Recommend(kScene, kPolice, kNoon, fleet.index(), {}, router, 5).empty());  // no lookup
}

TEST(Recommend, FasterKindWinsOverNearerUnit) {
    Fleet fleet;
    fleet.Add(1, UnitKind::kPatrolCar, North(kScene, 1000));  // 60 + 1350 m at 25 km/h = 254.4 s
    fleet.Add(2, UnitKind::kMotorbike, East(kScene, 1100));   // 60 + 1485 m at 30 km/h = 238.2 s
    auto recs = fleet.Recommend(kScene, kPolice, kNoon, 2);
    EXPECT_EQ(Ids(recs), (std::vector<std::int64_t>{2, 1}));
    EXPECT_LT(recs[0].eta_s, recs[1].eta_s);
    EXPECT_GT(recs[0].distance_m, recs[1].distance_m);
}

TEST(Recommend, WidensThePoolWhenAFartherUnitCouldBeFaster) {
    // 30 patrol cars nearer than one motorbike that still arrives first: the motorbike is outside the initial
    // pool of 20, and only the router's lower bound tells the recommender to look further.
    Fleet fleet;
    for (int i = 0; i < 30; ++i) fleet.Add(100 + i, UnitKind::kPatrolCar, North(kScene, 1000.0 + i));
    fleet.Add(7, UnitKind::kMotorbike, East(kScene, 1100));
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kPolice, kNoon, 1)), std::vector<std::int64_t>{7});
    // A router without a bound: the nearest-first pool is trusted, as documented.
    UnboundedRouter unbounded;
    EXPECT_EQ(Ids(fleet.Recommend(kScene, kPolice, kNoon, 1, unbounded)), std::vector<std::int64_t>{100});
}

TEST(Recommend, RushHourSlowsTravelAndCanChangeTheOrder) {
    // For first aid: a patrol car (60 s turnout, 25 km/h) 1260 m away and a fire engine (90 s, 22 km/h) 1000 m
    // away. Off-peak the car's quicker turnout wins; in rush hour travel dominates and the nearer engine wins.
    Fleet fleet;
    fleet.Add(1, UnitKind::kPatrolCar, North(kScene, 1260));
    fleet.Add(2, UnitKind::kFireEngine, East(kScene, 1000));
    auto calm = fleet.Recommend(kScene, kFirstAid, kNoon, 2);
    auto rush = fleet.Recommend(kScene, kFirstAid, kMorningRush, 2);
    ASSERT_EQ(Ids(calm), (std::vector<std::int64_t>{1, 2}));
    ASSERT_EQ(Ids(rush), (std::vector<std::int64_t>{2, 1}));
    EXPECT_NEAR(calm[0].eta_s, 1260 * 1.35 / (25 / 3.6) + 60, 1e-6);
    EXPECT_NEAR(rush[1].eta_s, 1260 * 1.35 / (25 * 0.6 / 3.6) + 60, 1e-6);
    EXPECT_NEAR(rush[0].eta_s, 1000 * 1.35 / (22 * 0.6 / 3.6) + 90, 1e-6);
    EXPECT_NE(rush[0].reasons_en[2].find("rush hour"), std::string::npos);
    EXPECT_NE(rush[0].reasons_vi[2].find("giờ cao điểm"), std::string::npos);
    EXPECT_EQ(calm[0].reasons_en[2].find("rush hour"), std::string::npos);
}

// ---- brute-force cross-check ----

struct Brute {
    std::int64_t id;
    double eta_s;
    double distance_m;
};

std::vector<Brute> Eligible(const Fleet& fleet, GeoPoint scene, Capabilities required, TimePoint now,
                            const TravelRouter& router) {
    std::vector<Brute> out;
    for (const auto& [id, unit] : fleet.units()) {
        if (unit.status != UnitStatus::kAvailable || !unit.position || !unit.caps.HasAll(required)) continue;
        out.push_back(Brute{id, router.Estimate(*unit.position, scene, unit.kind, now).seconds,
                            DistanceMeters(*unit.position, scene)});
    }
    return out;
}

void SortByEta(std::vector<Brute>& v) {
    std::sort(v.begin(), v.end(),
              [](const Brute& a, const Brute& b) { return a.eta_s != b.eta_s ? a.eta_s < b.eta_s : a.id < b.id; });
}

class RecommendBruteForce : public ::testing::Test {
protected:
    void SetUp() override {
        std::mt19937_64 rng(113114);
        std::uniform_real_distribution<double> lat(20.9, 21.15), lon(105.7, 105.95), unit(0, 1);
        const std::array kinds = {UnitKind::kPatrolCar, UnitKind::kMotorbike, UnitKind::kFireEngine, UnitKind::kLadder,
                                  UnitKind::kRescue};
        std::uniform_int_distribution<std::size_t> kind(0, kinds.size() - 1);
        const std::array busy = {UnitStatus::kDispatched, UnitStatus::kEnRoute, UnitStatus::kOnScene,
                                 UnitStatus::kClearing, UnitStatus::kOutOfService};
        std::uniform_int_distribution<std::size_t> pick_busy(0, busy.size() - 1);
        for (std::int64_t id = 1; id <= 10000; ++id) {
            const UnitStatus status = unit(rng) < 0.7 ? UnitStatus::kAvailable : busy[pick_busy(rng)];
            fleet_.Add(id, kinds[kind(rng)], GeoPoint{lat(rng), lon(rng)}, status);
            if (unit(rng) < 0.05) fleet_[id].position.reset();
        }
    }
    Fleet fleet_;
};

TEST_F(RecommendBruteForce, MatchesExactEtaOrderOnTenThousandUnits) {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> lat(20.9, 21.15), lon(105.7, 105.95);
    RoadFactorRouter router;
    int compared = 0;
    for (int q = 0; q < 60; ++q) {
        const GeoPoint scene{lat(rng), lon(rng)};
        const Category category = kAllCategories[static_cast<std::size_t>(q) % kAllCategories.size()];
        const Capabilities required = RequiredCapabilities(category);
        const TimePoint now = q % 2 == 0 ? kNoon : kMorningRush;
        auto expected = Eligible(fleet_, scene, required, now, router);
        SortByEta(expected);
        for (std::size_t limit : {std::size_t{1}, std::size_t{5}, std::size_t{12}}) {
            const auto recs = fleet_.Recommend(scene, required, now, limit, router);
            ASSERT_EQ(recs.size(), std::min(limit, expected.size()));
            for (std::size_t i = 0; i < recs.size(); ++i) {
                ASSERT_EQ(recs[i].unit_id, expected[i].id) << "query " << q << " limit " << limit << " rank " << i;
                EXPECT_DOUBLE_EQ(recs[i].eta_s, expected[i].eta_s);
                EXPECT_DOUBLE_EQ(recs[i].distance_m, expected[i].distance_m);
            }
            ++compared;
        }
    }
    EXPECT_EQ(compared, 180);
}

TEST_F(RecommendBruteForce, WithoutABoundMatchesTheNearestFirstPool) {
    std::mt19937_64 rng(43);
    std::uniform_real_distribution<double> lat(20.9, 21.15), lon(105.7, 105.95);
    UnboundedRouter router;
    for (int q = 0; q < 30; ++q) {
        const GeoPoint scene{lat(rng), lon(rng)};
        const Capabilities required = q % 2 == 0 ? kPolice : kFirstAid;
        const std::size_t limit = 5;
        auto eligible = Eligible(fleet_, scene, required, kNoon, router);
        std::sort(eligible.begin(), eligible.end(), [](const Brute& a, const Brute& b) {
            return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.id < b.id;
        });
        eligible.resize(std::min<std::size_t>(eligible.size(), 20));  // max(4 x limit, 20)
        SortByEta(eligible);
        const auto recs = fleet_.Recommend(scene, required, kNoon, limit, router);
        ASSERT_EQ(recs.size(), limit);
        for (std::size_t i = 0; i < limit; ++i) EXPECT_EQ(recs[i].unit_id, eligible[i].id) << q;
    }
}

}  // namespace
}  // namespace precinct::dispatch
