#pragma once
// Unit recommendation: which available units with the needed capabilities would reach an incident first, with
// the reasons a dispatcher can read (capability fit, distance, how the ETA was worked out).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain.hpp"
#include "geo.hpp"
#include "units.hpp"

namespace precinct::dispatch {

struct UnitSnapshot {
    std::int64_t id = 0;
    std::string call_sign;
    UnitKind kind = UnitKind::kPatrolCar;
    UnitStatus status = UnitStatus::kAvailable;
    Capabilities caps;
    std::optional<GeoPoint> position;
    std::string station;
};

struct Recommendation {
    std::int64_t unit_id = 0;
    std::string call_sign;
    double eta_s = 0;       // router estimate, turnout included
    double distance_m = 0;  // straight-line distance from the unit to the incident
    std::vector<std::string> reasons_vi;
    std::vector<std::string> reasons_en;  // same reasons, same order: capabilities, distance, ETA
};

// The `limit` units that would arrive first, by ETA, then id.
//
// Candidates come from `index` nearest-first (positions are the index's): units that `lookup` knows, that are
// available, that have a position in their snapshot and every `required` capability. The nearest
// max(4 x limit, 20) are estimated with `router`; when the router can bound travel time from below
// (TravelRouter::MinSeconds), the pool is doubled until no unit outside it could beat the limit-th ETA, so the
// result is the exact ETA order. Without a bound the nearest-first pool is trusted.
//
// An invalid incident point or a zero limit gives an empty list. `lookup` returning null skips the unit. The
// caller holds whatever lock guards `index` and the snapshots for the whole call.
std::vector<Recommendation> Recommend(GeoPoint incident_point, Capabilities required, TimePoint now,
                                      const UnitIndex& index,
                                      const std::function<const UnitSnapshot*(std::int64_t)>& lookup,
                                      const TravelRouter& router, std::size_t limit);

}  // namespace precinct::dispatch
