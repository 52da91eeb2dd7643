// In-process figures of the dispatch centre at city scale: recommendation latency with 10,000 units and 1,000
// open incidents through the real service (its lock, its index, the road-factor router), and the cost of
// accepting one GPS fix. Prints percentiles; asserts nothing.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include "auth/audit_log.hpp"
#include "core/events.hpp"
#include "service.hpp"
#include "storage/test_support.hpp"

namespace precinct::dispatch {
namespace {

using Steady = std::chrono::steady_clock;

double Percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto idx =
        static_cast<std::size_t>(std::clamp(p * static_cast<double>(v.size()), 1.0, static_cast<double>(v.size()))) - 1;
    return v[idx];
}

int Run() {
    testing::TempDir dir;
    auto db = std::move(*storage::OpenSqlite({.path = dir.path() / "bench.db", .synchronous = "normal"}));
    auto clock = CreateSystemClock();
    auto bus = CreateInMemoryBus(*clock);
    auth::AuditLog audit(*db, *clock, bus.get());
    if (!audit.Migrate() || !DispatchService::Migrate(*db)) return 1;
    ServiceSettings settings;
    settings.duplicates.radius_m = 10;  // every bench incident stands alone
    DispatchService svc(*db, *bus, *clock, audit, settings, std::make_unique<RoadFactorRouter>(RoadFactorSettings{}));
    if (!svc.Load()) return 1;
    const Actor actor{"bench", "supervisor", "127.0.0.1", ""};

    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> lat(20.90, 21.15), lon(105.70, 105.95), unit01(0, 1);
    const UnitKind kinds[] = {UnitKind::kPatrolCar, UnitKind::kMotorbike, UnitKind::kFireEngine, UnitKind::kLadder,
                              UnitKind::kRescue};
    const auto t_units = Steady::now();
    for (int i = 0; i < 10'000; ++i) {
        NewUnit u;
        u.call_sign = fmt::format("B-{:05}", i);
        u.kind = kinds[i % 5 < 3 ? i % 2 : 2 + i % 3];  // 60% police, 40% fire and rescue
        u.position = GeoPoint{lat(rng), lon(rng)};
        auto made = svc.CreateUnit(u, actor);
        if (!made) {
            fmt::print("unit: {}\n", made.error().message);
            return 1;
        }
        // 30% of the fleet busy or out of service.
        if (unit01(rng) < 0.3) (void)svc.SetUnitStatus(made->id, UnitStatus::kOutOfService, actor);
    }
    const Category cats[] = {Category::kFire,   Category::kCrimeViolent, Category::kTraffic,
                             Category::kRescue, Category::kPublicOrder,  Category::kMedical};
    std::vector<std::int64_t> incidents;
    for (int i = 0; i < 1'000; ++i) {
        NewCall c;
        c.line = "113";
        c.caller = "+84900000000";
        c.category = cats[i % 6];
        c.description = "bench";
        Location loc;
        loc.point = GeoPoint{lat(rng), lon(rng)};
        loc.source = "caller";
        c.location = loc;
        auto out = svc.Intake(c, actor);
        if (!out || !out->incident) {
            fmt::print("incident {} not created\n", i);
            return 1;
        }
        incidents.push_back(out->incident->id);
    }
    fmt::print("set-up: 10,000 units (about 30% out of service) and 1,000 open incidents in {:.1f} s\n",
               std::chrono::duration<double>(Steady::now() - t_units).count());

    for (std::size_t limit : {std::size_t{5}, std::size_t{20}}) {
        std::vector<double> us;
        for (int round = 0; round < 5; ++round) {
            for (auto id : incidents) {
                const auto t0 = Steady::now();
                auto recs = svc.Recommendations(id, limit);
                us.push_back(std::chrono::duration<double, std::micro>(Steady::now() - t0).count());
                if (!recs || recs->ranked.empty()) {
                    fmt::print("incident {}: no recommendation\n", id);
                    return 1;
                }
            }
        }
        fmt::print(
            "recommendations (limit {:2}): {} calls, p50 {:.0f} µs, p90 {:.0f} µs, p99 {:.0f} µs, max {:.0f} µs\n",
            limit, us.size(), Percentile(us, 0.5), Percentile(us, 0.9), Percentile(us, 0.99),
            *std::max_element(us.begin(), us.end()));
    }

    // GPS fixes accepted in memory (the batch write runs apart, as in the server).
    const int fixes = 200'000;
    const auto base = clock->Now();
    const auto t0 = Steady::now();
    for (int i = 0; i < fixes; ++i) {
        PositionFix f;
        f.unit_id = 1 + i % 10'000;
        f.point = GeoPoint{21.0 + (i % 1000) * 1e-5, 105.8 + (i % 997) * 1e-5};
        f.accuracy_m = 8;
        f.fixed_at = base + std::chrono::milliseconds(1 + i / 10'000);
        (void)svc.AcceptFix(f);
    }
    const double accept_s = std::chrono::duration<double>(Steady::now() - t0).count();
    const auto t1 = Steady::now();
    if (!svc.FlushFixes()) return 1;
    const double flush_s = std::chrono::duration<double>(Steady::now() - t1).count();
    fmt::print("GPS fixes: {} accepted in memory at {:.0f}/s; written to the database in one batch at {:.0f}/s\n",
               fixes, fixes / accept_s, fixes / flush_s);
    return 0;
}

}  // namespace
}  // namespace precinct::dispatch

int main() { return precinct::dispatch::Run(); }
