#pragma once
// Where units are and how long they take to get somewhere: a uniform-grid spatial index over unit positions
// (k-nearest and radius queries by great-circle distance) and travel-time estimation behind an interface.
//
// The index and the router work at city scale: the grid is not meant for use across the antimeridian or near the
// poles (results stay correct there only as far as the distance bounds hold, which they do not across ±180°).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain.hpp"

namespace precinct::dispatch {

// ---- spatial index ----

struct UnitIndexSettings {
    // Edge of a grid cell in metres; values outside [10 m, 100 km] (or not finite) are clamped into it.
    double cell_size_m = 1000;
    // Latitude at which a cell's longitude span is worked out (cells are square there); Hanoi by default.
    double reference_lat = 21.03;
};

// A unit found near a point, with its straight-line (great-circle) distance.
struct Neighbor {
    std::int64_t id = 0;
    GeoPoint position;
    double distance_m = 0;
};

// Uniform grid of lat/lon cells holding unit positions.
//
// NOT thread-safe: concurrent readers are fine, but any Upsert/Remove must be serialised with every other call by
// the caller (the dispatch service holds its lock around the index).
class UnitIndex {
public:
    explicit UnitIndex(UnitIndexSettings settings = {});

    // Inserts the unit or moves it. An invalid point (see ValidPoint) fails with kInvalidArgument, field
    // "position", and leaves the index unchanged.
    Status Upsert(std::int64_t unit_id, GeoPoint position);
    // Returns false if the unit was not indexed.
    bool Remove(std::int64_t unit_id);
    void Clear();
    std::optional<GeoPoint> Position(std::int64_t unit_id) const;
    std::size_t size() const { return units_.size(); }
    bool empty() const { return units_.empty(); }

    // Calls `visit` for every unit within `radius_m` (inclusive) of `center`, in no particular order.
    using Visitor = std::function<void(const Neighbor&)>;
    void ForEachNear(GeoPoint center, double radius_m, const Visitor& visit) const;

    // The `k` nearest units for which `accept` returns true (an empty `accept` takes every unit), ordered by
    // distance, then id. Exact: cells are searched in rings outward from the centre's cell and the search stops
    // once the k-th best distance lies inside the area searched so far. `accept` is called at most once per unit,
    // and only for units in cells that the search reaches.
    using Filter = std::function<bool(std::int64_t)>;
    std::vector<Neighbor> NearestNeighbors(GeoPoint center, std::size_t k, const Filter& accept = {}) const;
    std::vector<std::int64_t> Nearest(GeoPoint center, std::size_t k, const Filter& accept = {}) const;

    double cell_size_m() const { return cell_size_m_; }

private:
    struct Cell {
        std::int32_t row = 0;
        std::int32_t col = 0;
    };
    struct Entry {
        GeoPoint position;
        std::int64_t cell_key = 0;
        std::size_t slot = 0;  // index in the cell's vector
    };

    Cell CellOf(GeoPoint p) const;
    static std::int64_t KeyOf(Cell c);
    static Cell CellOfKey(std::int64_t key);
    // Lower bound on the distance from `p` to any point of the block of cells [row_lo, row_hi] x [col_lo, col_hi].
    double DistanceToBlock(GeoPoint p, std::int64_t row_lo, std::int64_t row_hi, std::int64_t col_lo,
                           std::int64_t col_hi) const;
    // Lower bound on the distance from `p` to any point outside that block.
    double DistanceOutsideBlock(GeoPoint p, std::int64_t row_lo, std::int64_t row_hi, std::int64_t col_lo,
                                std::int64_t col_hi) const;
    void RemoveFromCell(std::int64_t unit_id, const Entry& entry);

    double cell_size_m_;
    double cell_lat_deg_;
    double cell_lon_deg_;
    std::unordered_map<std::int64_t, std::vector<std::pair<std::int64_t, GeoPoint>>> cells_;  // key -> units
    std::unordered_map<std::int64_t, Entry> units_;
    // Bounds of the occupied cells; they only grow until the index becomes empty (a stale bound costs time, not
    // correctness).
    std::int32_t min_row_ = 0, max_row_ = -1, min_col_ = 0, max_col_ = -1;
};

// ---- travel estimation ----

struct TravelEstimate {
    double seconds = 0;     // turnout included
    double distance_m = 0;  // estimated road distance
    std::string method;     // "road_factor"; other routers name themselves
    std::string explain_vi;
    std::string explain_en;
};

// How long a unit of a kind takes from one point to another, leaving at `at`. The road-factor router below is a
// stand-in: a real routing engine (OSRM-like, over the city's road graph with live traffic) can replace it behind
// this interface without changing callers.
class TravelRouter {
public:
    virtual ~TravelRouter() = default;
    virtual TravelEstimate Estimate(GeoPoint from, GeoPoint to, UnitKind kind, TimePoint at) const = 0;
    // A lower bound on Estimate(...).seconds for any unit kind and any pair of points `straight_line_m` apart, or
    // nullopt when the router cannot bound it. Recommend() uses it to widen its candidate pool until no unit
    // outside the pool could arrive sooner; without a bound it trusts its nearest-first pool.
    virtual std::optional<double> MinSeconds(double straight_line_m, TimePoint at) const;
};

struct KindProfile {
    double speed_kmh = 25;  // average city speed outside rush hour
    double turnout_s = 60;  // from assignment to wheels rolling
};

// A local time-of-day window [start, end), in seconds after local midnight.
struct DayWindow {
    int start_s = 0;
    int end_s = 0;
};

struct RoadFactorSettings {
    double road_factor = 1.35;  // road distance / straight-line distance
    KindProfile patrol_car{25, 60};
    KindProfile motorbike{30, 60};
    KindProfile fire_engine{22, 90};
    KindProfile ladder{18, 90};
    KindProfile rescue{22, 90};
    double rush_hour_multiplier = 0.6;  // applied to speeds inside a rush-hour window
    std::vector<DayWindow> rush_hours = {{7 * 3600, 9 * 3600}, {16 * 3600 + 1800, 19 * 3600}};
    int utc_offset_s = 7 * 3600;  // Asia/Ho_Chi_Minh, no daylight saving time; every day of the week

    const KindProfile& Profile(UnitKind kind) const;
    KindProfile& Profile(UnitKind kind);
};

// kInvalidArgument naming the first bad setting: road_factor in [1, 5], speeds in (0, 200] km/h, turnout in
// [0, 3600] s, multiplier in (0, 2], windows within a day with start < end, offset within ±14 h.
Status ValidateRoadFactorSettings(const RoadFactorSettings& settings);

// Straight-line distance x road factor at the kind's speed (x the rush-hour multiplier when `at` falls in a
// rush-hour window, local time), plus the kind's turnout time.
class RoadFactorRouter final : public TravelRouter {
public:
    // Settings are expected to pass ValidateRoadFactorSettings; any that does not is replaced by its default.
    explicit RoadFactorRouter(RoadFactorSettings settings = {});

    // An invalid point gives infinite seconds and distance.
    TravelEstimate Estimate(GeoPoint from, GeoPoint to, UnitKind kind, TimePoint at) const override;
    std::optional<double> MinSeconds(double straight_line_m, TimePoint at) const override;
    bool IsRushHour(TimePoint at) const;
    const RoadFactorSettings& settings() const { return settings_; }

private:
    RoadFactorSettings settings_;
};

// ---- formatting shared by the explanations ----
// Fixed-point number with `decimals` digits and a decimal comma (Vietnamese) or point (English), locale-free:
// FormatDecimal(3.24, 1, true) == "3,2".
std::string FormatDecimal(double value, int decimals, bool vietnamese);
// A duration as "8 phút 41 giây" / "8 min 41 s" ("45 giây" / "45 s" under a minute), rounded to the second.
std::string FormatDurationVi(double seconds);
std::string FormatDurationEn(double seconds);
// A distance as "850 m" or "3,2 km" / "3.2 km" (kilometres from 1 km up).
std::string FormatDistance(double meters, bool vietnamese);

}  // namespace precinct::dispatch
