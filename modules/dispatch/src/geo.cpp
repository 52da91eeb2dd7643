#include "geo.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace precinct::dispatch {
namespace {

// Must match DistanceMeters() in domain.cpp: the bounds below are only valid for the same sphere.
constexpr double kEarthRadiusM = 6371008.8;
constexpr double kRad = std::numbers::pi / 180.0;
constexpr double kMetersPerDegLat = kEarthRadiusM * kRad;
// Bounds are lowered by this much so rounding (a point filed in a cell it touches only by a few ulps) can never
// make a search stop early or skip a cell.
constexpr double kSlackM = 1e-3;
constexpr double kInf = std::numeric_limits<double>::infinity();

constexpr std::array kAllKinds = {UnitKind::kPatrolCar, UnitKind::kMotorbike, UnitKind::kFireEngine, UnitKind::kLadder,
                                  UnitKind::kRescue};

// Great-circle distance from a point at latitude `lat_deg` to the meridian `dlon_deg` away from it: a lower bound
// on the distance to any point whose longitude lies at least that far away. Valid below 90 degrees.
double DistanceToMeridian(double lat_deg, double dlon_deg) {
    if (dlon_deg <= 0) return 0;
    if (dlon_deg >= 90) return 0;  // no cheap bound; 0 is always a valid one
    return kEarthRadiusM * std::asin(std::min(1.0, std::cos(lat_deg * kRad) * std::sin(dlon_deg * kRad)));
}

bool NeighborLess(const Neighbor& a, const Neighbor& b) {
    return a.distance_m < b.distance_m || (a.distance_m == b.distance_m && a.id < b.id);
}

}  // namespace

// ---- UnitIndex ----

UnitIndex::UnitIndex(UnitIndexSettings settings) {
    double cell = settings.cell_size_m;
    if (!std::isfinite(cell)) cell = 1000;
    cell_size_m_ = std::clamp(cell, 10.0, 100000.0);
    double ref_lat = std::isfinite(settings.reference_lat) ? std::clamp(settings.reference_lat, -80.0, 80.0) : 0.0;
    cell_lat_deg_ = cell_size_m_ / kMetersPerDegLat;
    cell_lon_deg_ = cell_size_m_ / (kMetersPerDegLat * std::cos(ref_lat * kRad));
}

UnitIndex::Cell UnitIndex::CellOf(GeoPoint p) const {
    return Cell{static_cast<std::int32_t>(std::floor(p.lat / cell_lat_deg_)),
                static_cast<std::int32_t>(std::floor(p.lon / cell_lon_deg_))};
}

std::int64_t UnitIndex::KeyOf(Cell c) {
    return static_cast<std::int64_t>((static_cast<std::uint64_t>(static_cast<std::uint32_t>(c.row)) << 32) |
                                     static_cast<std::uint32_t>(c.col));
}

UnitIndex::Cell UnitIndex::CellOfKey(std::int64_t key) {
    const auto bits = static_cast<std::uint64_t>(key);
    return Cell{static_cast<std::int32_t>(static_cast<std::uint32_t>(bits >> 32)),
                static_cast<std::int32_t>(static_cast<std::uint32_t>(bits & 0xFFFFFFFFu))};
}

double UnitIndex::DistanceToBlock(GeoPoint p, std::int64_t row_lo, std::int64_t row_hi, std::int64_t col_lo,
                                  std::int64_t col_hi) const {
    const double lat_lo = static_cast<double>(row_lo) * cell_lat_deg_;
    const double lat_hi = static_cast<double>(row_hi + 1) * cell_lat_deg_;
    const double lon_lo = static_cast<double>(col_lo) * cell_lon_deg_;
    const double lon_hi = static_cast<double>(col_hi + 1) * cell_lon_deg_;
    double by_lat = 0;
    if (p.lat < lat_lo) by_lat = (lat_lo - p.lat) * kMetersPerDegLat;
    if (p.lat > lat_hi) by_lat = (p.lat - lat_hi) * kMetersPerDegLat;
    double by_lon = 0;
    if (p.lon < lon_lo) by_lon = DistanceToMeridian(p.lat, lon_lo - p.lon);
    if (p.lon > lon_hi) by_lon = DistanceToMeridian(p.lat, p.lon - lon_hi);
    return std::max(0.0, std::max(by_lat, by_lon) - kSlackM);
}

double UnitIndex::DistanceOutsideBlock(GeoPoint p, std::int64_t row_lo, std::int64_t row_hi, std::int64_t col_lo,
                                       std::int64_t col_hi) const {
    const double lat_lo = static_cast<double>(row_lo) * cell_lat_deg_;
    const double lat_hi = static_cast<double>(row_hi + 1) * cell_lat_deg_;
    const double lon_lo = static_cast<double>(col_lo) * cell_lon_deg_;
    const double lon_hi = static_cast<double>(col_hi + 1) * cell_lon_deg_;
    // Leaving the block means crossing one of its parallels (at least the latitude difference away) or one of its
    // meridians (at least the distance to that meridian away).
    double bound = std::min((p.lat - lat_lo) * kMetersPerDegLat, (lat_hi - p.lat) * kMetersPerDegLat);
    bound = std::min(bound, DistanceToMeridian(p.lat, p.lon - lon_lo));
    bound = std::min(bound, DistanceToMeridian(p.lat, lon_hi - p.lon));
    return std::max(0.0, bound - kSlackM);
}

Status UnitIndex::Upsert(std::int64_t unit_id, GeoPoint position) {
    if (!ValidPoint(position)) {
        return Fail(ErrorCode::kInvalidArgument, "position must be a valid WGS-84 latitude/longitude", "position");
    }
    const Cell cell = CellOf(position);
    const std::int64_t key = KeyOf(cell);
    auto it = units_.find(unit_id);
    if (it != units_.end()) {
        if (it->second.cell_key == key) {
            it->second.position = position;
            cells_[key][it->second.slot].second = position;
            return Ok();
        }
        RemoveFromCell(unit_id, it->second);
        units_.erase(it);
    }
    auto& members = cells_[key];
    members.emplace_back(unit_id, position);
    units_.emplace(unit_id, Entry{position, key, members.size() - 1});
    if (max_row_ < min_row_) {
        min_row_ = max_row_ = cell.row;
        min_col_ = max_col_ = cell.col;
    } else {
        min_row_ = std::min(min_row_, cell.row);
        max_row_ = std::max(max_row_, cell.row);
        min_col_ = std::min(min_col_, cell.col);
        max_col_ = std::max(max_col_, cell.col);
    }
    return Ok();
}

void UnitIndex::RemoveFromCell(std::int64_t unit_id, const Entry& entry) {
    auto cell_it = cells_.find(entry.cell_key);
    if (cell_it == cells_.end()) return;
    auto& members = cell_it->second;
    const std::size_t slot = entry.slot;
    if (slot < members.size() && members[slot].first == unit_id) {
        if (slot + 1 != members.size()) {
            members[slot] = members.back();
            auto moved = units_.find(members[slot].first);
            if (moved != units_.end()) moved->second.slot = slot;
        }
        members.pop_back();
    }
    if (members.empty()) cells_.erase(cell_it);
}

bool UnitIndex::Remove(std::int64_t unit_id) {
    auto it = units_.find(unit_id);
    if (it == units_.end()) return false;
    const Entry entry = it->second;
    units_.erase(it);
    RemoveFromCell(unit_id, entry);
    if (units_.empty()) Clear();
    return true;
}

void UnitIndex::Clear() {
    cells_.clear();
    units_.clear();
    min_row_ = 0;
    max_row_ = -1;
    min_col_ = 0;
    max_col_ = -1;
}

std::optional<GeoPoint> UnitIndex::Position(std::int64_t unit_id) const {
    auto it = units_.find(unit_id);
    if (it == units_.end()) return std::nullopt;
    return it->second.position;
}

void UnitIndex::ForEachNear(GeoPoint center, double radius_m, const Visitor& visit) const {
    if (!visit || units_.empty() || !ValidPoint(center) || std::isnan(radius_m) || radius_m < 0) return;
    auto visit_cell = [&](const std::vector<std::pair<std::int64_t, GeoPoint>>& members) {
        for (const auto& [id, position] : members) {
            const double d = DistanceMeters(center, position);
            if (d <= radius_m) visit(Neighbor{id, position, d});
        }
    };
    // The block of cells that can hold a point within the radius: latitude within radius / metres-per-degree,
    // longitude within asin(sin(radius / R) / cos(lat)) (the distance to a meridian bounds the distance).
    const double reach = radius_m + kSlackM;
    const double angle = reach / kEarthRadiusM;
    const double cos_lat = std::cos(center.lat * kRad);
    bool whole_index = !std::isfinite(reach) || angle >= std::numbers::pi / 2 || cos_lat <= 1e-9;
    std::int64_t row_lo = 0, row_hi = -1, col_lo = 0, col_hi = -1;
    if (!whole_index) {
        const double sin_ratio = std::sin(angle) / cos_lat;
        if (sin_ratio >= 1) {
            whole_index = true;
        } else {
            const double dlat = reach / kMetersPerDegLat;
            const double dlon = std::asin(sin_ratio) / kRad;
            row_lo = static_cast<std::int64_t>(std::floor((center.lat - dlat) / cell_lat_deg_));
            row_hi = static_cast<std::int64_t>(std::floor((center.lat + dlat) / cell_lat_deg_));
            col_lo = static_cast<std::int64_t>(std::floor((center.lon - dlon) / cell_lon_deg_));
            col_hi = static_cast<std::int64_t>(std::floor((center.lon + dlon) / cell_lon_deg_));
            const double block_cells =
                static_cast<double>(row_hi - row_lo + 1) * static_cast<double>(col_hi - col_lo + 1);
            whole_index = block_cells > static_cast<double>(cells_.size());
        }
    }
    if (whole_index) {
        for (const auto& [key, members] : cells_) visit_cell(members);
        return;
    }
    for (std::int64_t row = row_lo; row <= row_hi; ++row) {
        for (std::int64_t col = col_lo; col <= col_hi; ++col) {
            auto it = cells_.find(KeyOf(Cell{static_cast<std::int32_t>(row), static_cast<std::int32_t>(col)}));
            if (it != cells_.end()) visit_cell(it->second);
        }
    }
}

std::vector<Neighbor> UnitIndex::NearestNeighbors(GeoPoint center, std::size_t k, const Filter& accept) const {
    if (k == 0 || units_.empty() || !ValidPoint(center)) return {};
    std::vector<Neighbor> heap;  // max-heap under NeighborLess: the worst kept neighbour on top
    heap.reserve(std::min(k, units_.size()) + 1);
    auto kth = [&] { return heap.size() == k ? heap.front().distance_m : kInf; };
    auto consider = [&](const std::vector<std::pair<std::int64_t, GeoPoint>>& members) {
        for (const auto& [id, position] : members) {
            Neighbor n{id, position, DistanceMeters(center, position)};
            if (heap.size() == k && !NeighborLess(n, heap.front())) continue;
            if (accept && !accept(id)) continue;
            if (heap.size() == k) {
                std::pop_heap(heap.begin(), heap.end(), NeighborLess);
                heap.pop_back();
            }
            heap.push_back(n);
            std::push_heap(heap.begin(), heap.end(), NeighborLess);
        }
    };
    auto consider_cell = [&](std::int64_t row, std::int64_t col) {
        if (row < min_row_ || row > max_row_ || col < min_col_ || col > max_col_) return;
        auto it = cells_.find(KeyOf(Cell{static_cast<std::int32_t>(row), static_cast<std::int32_t>(col)}));
        if (it == cells_.end()) return;
        if (heap.size() == k && DistanceToBlock(center, row, row, col, col) > kth()) return;
        consider(it->second);
    };

    const Cell c = CellOf(center);
    const std::int64_t row0 = c.row, col0 = c.col;
    consider_cell(row0, col0);
    for (std::int64_t r = 0;; ++r) {
        // Rings 0..r searched: everything inside the block [row0 - r, row0 + r] x [col0 - r, col0 + r].
        if (heap.size() == k && kth() < DistanceOutsideBlock(center, row0 - r, row0 + r, col0 - r, col0 + r)) break;
        if (row0 - r <= min_row_ && row0 + r >= max_row_ && col0 - r <= min_col_ && col0 + r >= max_col_) break;
        const std::int64_t next = r + 1;
        if (static_cast<double>(8 * next) > static_cast<double>(cells_.size())) {
            // The rings have become larger than the set of occupied cells (sparse outliers, a very selective
            // filter): visit the remaining occupied cells best-first by their distance bound instead.
            std::vector<std::pair<double, std::int64_t>> rest;
            for (const auto& [key, members] : cells_) {
                const Cell cell = CellOfKey(key);
                if (std::max(std::abs(cell.row - row0), std::abs(cell.col - col0)) <= r) continue;
                const double bound = DistanceToBlock(center, cell.row, cell.row, cell.col, cell.col);
                if (bound <= kth()) rest.emplace_back(bound, key);
            }
            std::sort(rest.begin(), rest.end());
            for (const auto& [bound, key] : rest) {
                if (heap.size() == k && bound > kth()) break;
                consider(cells_.at(key));
            }
            break;
        }
        for (std::int64_t col = col0 - next; col <= col0 + next; ++col) {
            consider_cell(row0 - next, col);
            consider_cell(row0 + next, col);
        }
        for (std::int64_t row = row0 - next + 1; row <= row0 + next - 1; ++row) {
            consider_cell(row, col0 - next);
            consider_cell(row, col0 + next);
        }
    }
    std::sort_heap(heap.begin(), heap.end(), NeighborLess);
    return heap;
}

std::vector<std::int64_t> UnitIndex::Nearest(GeoPoint center, std::size_t k, const Filter& accept) const {
    std::vector<std::int64_t> ids;
    for (const Neighbor& n : NearestNeighbors(center, k, accept)) ids.push_back(n.id);
    return ids;
}

// ---- formatting ----

std::string FormatDecimal(double value, int decimals, bool vietnamese) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::fixed, std::clamp(decimals, 0, 6));
    if (ec != std::errc()) return "?";
    std::string out(buf, end);
    if (!out.empty() && out[0] == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
    if (vietnamese) std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

namespace {

// Up to two decimals, trailing zeros dropped: 1.35 -> "1,35", 25 -> "25", 0.6 -> "0,6".
std::string Compact(double value, bool vietnamese) {
    std::string out = FormatDecimal(value, 2, vietnamese);
    const char point = vietnamese ? ',' : '.';
    if (out.find(point) != std::string::npos) {
        while (!out.empty() && out.back() == '0') out.pop_back();
        if (!out.empty() && out.back() == point) out.pop_back();
    }
    return out;
}

std::string FormatDuration(double seconds, bool vietnamese) {
    if (!std::isfinite(seconds) || seconds < 0) return vietnamese ? "không xác định" : "unknown";
    const long long total = std::llround(seconds);
    const long long hours = total / 3600, minutes = (total % 3600) / 60, secs = total % 60;
    const std::string h = vietnamese ? " giờ" : " h", m = vietnamese ? " phút" : " min",
                      s = vietnamese ? " giây" : " s";
    if (hours > 0) return std::to_string(hours) + h + (minutes > 0 ? " " + std::to_string(minutes) + m : "");
    if (minutes > 0) return std::to_string(minutes) + m + (secs > 0 ? " " + std::to_string(secs) + s : "");
    return std::to_string(secs) + s;
}

}  // namespace

std::string FormatDurationVi(double seconds) { return FormatDuration(seconds, true); }
std::string FormatDurationEn(double seconds) { return FormatDuration(seconds, false); }

std::string FormatDistance(double meters, bool vietnamese) {
    if (!std::isfinite(meters) || meters < 0) return "?";
    const double rounded = std::round(meters);
    if (rounded < 1000) return std::to_string(static_cast<long long>(rounded)) + " m";
    return FormatDecimal(meters / 1000, 1, vietnamese) + " km";
}

// ---- travel estimation ----

std::optional<double> TravelRouter::MinSeconds(double /*straight_line_m*/, TimePoint /*at*/) const {
    return std::nullopt;
}

const KindProfile& RoadFactorSettings::Profile(UnitKind kind) const {
    switch (kind) {
        case UnitKind::kPatrolCar: return patrol_car;
        case UnitKind::kMotorbike: return motorbike;
        case UnitKind::kFireEngine: return fire_engine;
        case UnitKind::kLadder: return ladder;
        case UnitKind::kRescue: return rescue;
    }
    return patrol_car;
}

KindProfile& RoadFactorSettings::Profile(UnitKind kind) {
    return const_cast<KindProfile&>(std::as_const(*this).Profile(kind));
}

namespace {

bool InRange(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }
bool ValidFactor(double v) { return InRange(v, 1, 5); }
bool ValidSpeed(double v) { return std::isfinite(v) && v > 0 && v <= 200; }
bool ValidTurnout(double v) { return InRange(v, 0, 3600); }
bool ValidMultiplier(double v) { return std::isfinite(v) && v > 0 && v <= 2; }
bool ValidOffset(int v) { return v >= -14 * 3600 && v <= 14 * 3600; }
bool ValidWindows(const std::vector<DayWindow>& windows) {
    return std::all_of(windows.begin(), windows.end(),
                       [](const DayWindow& w) { return w.start_s >= 0 && w.end_s <= 86400 && w.start_s < w.end_s; });
}

}  // namespace

Status ValidateRoadFactorSettings(const RoadFactorSettings& s) {
    if (!ValidFactor(s.road_factor)) return Fail(ErrorCode::kInvalidArgument, "must be within [1, 5]", "road_factor");
    for (UnitKind kind : kAllKinds) {
        const KindProfile& p = s.Profile(kind);
        if (!ValidSpeed(p.speed_kmh)) {
            return Fail(ErrorCode::kInvalidArgument, "must be within (0, 200] km/h",
                        std::string(UnitKindCode(kind)) + ".speed_kmh");
        }
        if (!ValidTurnout(p.turnout_s)) {
            return Fail(ErrorCode::kInvalidArgument, "must be within [0, 3600] s",
                        std::string(UnitKindCode(kind)) + ".turnout_s");
        }
    }
    if (!ValidMultiplier(s.rush_hour_multiplier)) {
        return Fail(ErrorCode::kInvalidArgument, "must be within (0, 2]", "rush_hour_multiplier");
    }
    if (!ValidWindows(s.rush_hours)) {
        return Fail(ErrorCode::kInvalidArgument, "each window needs 0 <= start_s < end_s <= 86400", "rush_hours");
    }
    if (!ValidOffset(s.utc_offset_s)) {
        return Fail(ErrorCode::kInvalidArgument, "must be within ±14 h", "utc_offset_s");
    }
    return Ok();
}

RoadFactorRouter::RoadFactorRouter(RoadFactorSettings settings) : settings_(std::move(settings)) {
    const RoadFactorSettings defaults;
    if (!ValidFactor(settings_.road_factor)) settings_.road_factor = defaults.road_factor;
    for (UnitKind kind : kAllKinds) {
        KindProfile& p = settings_.Profile(kind);
        if (!ValidSpeed(p.speed_kmh)) p.speed_kmh = defaults.Profile(kind).speed_kmh;
        if (!ValidTurnout(p.turnout_s)) p.turnout_s = defaults.Profile(kind).turnout_s;
    }
    if (!ValidMultiplier(settings_.rush_hour_multiplier)) {
        settings_.rush_hour_multiplier = defaults.rush_hour_multiplier;
    }
    if (!ValidWindows(settings_.rush_hours)) settings_.rush_hours = defaults.rush_hours;
    if (!ValidOffset(settings_.utc_offset_s)) settings_.utc_offset_s = defaults.utc_offset_s;
}

bool RoadFactorRouter::IsRushHour(TimePoint at) const {
    const long long since_epoch = std::chrono::floor<std::chrono::seconds>(at.time_since_epoch()).count();
    long long of_day = (since_epoch + settings_.utc_offset_s) % 86400;
    if (of_day < 0) of_day += 86400;
    return std::any_of(settings_.rush_hours.begin(), settings_.rush_hours.end(),
                       [&](const DayWindow& w) { return of_day >= w.start_s && of_day < w.end_s; });
}

TravelEstimate RoadFactorRouter::Estimate(GeoPoint from, GeoPoint to, UnitKind kind, TimePoint at) const {
    TravelEstimate out;
    out.method = "road_factor";
    if (!ValidPoint(from) || !ValidPoint(to)) {
        out.seconds = kInf;
        out.distance_m = kInf;
        out.explain_vi = "không ước tính được: vị trí không hợp lệ";
        out.explain_en = "no estimate: invalid position";
        return out;
    }
    const KindProfile& profile = settings_.Profile(kind);
    const bool rush = IsRushHour(at);
    const double speed_kmh = profile.speed_kmh * (rush ? settings_.rush_hour_multiplier : 1.0);
    out.distance_m = DistanceMeters(from, to) * settings_.road_factor;
    out.seconds = out.distance_m / (speed_kmh / 3.6) + profile.turnout_s;

    const std::string turnout = Compact(profile.turnout_s, false) + " s";
    out.explain_vi = FormatDistance(out.distance_m, true) + " đường (hệ số " + Compact(settings_.road_factor, true) +
                     ") ở " + Compact(speed_kmh, true) + " km/h";
    out.explain_en = FormatDistance(out.distance_m, false) + " by road (factor " +
                     Compact(settings_.road_factor, false) + ") at " + Compact(speed_kmh, false) + " km/h";
    if (rush) {
        out.explain_vi += " (giờ cao điểm, " + Compact(profile.speed_kmh, true) + " km/h × " +
                          Compact(settings_.rush_hour_multiplier, true) + ")";
        out.explain_en += " (rush hour, " + Compact(profile.speed_kmh, false) + " km/h × " +
                          Compact(settings_.rush_hour_multiplier, false) + ")";
    }
    out.explain_vi += " + " + Compact(profile.turnout_s, true) + " s xuất phát = " + FormatDurationVi(out.seconds);
    out.explain_en += " + " + turnout + " turnout = " + FormatDurationEn(out.seconds);
    return out;
}

std::optional<double> RoadFactorRouter::MinSeconds(double straight_line_m, TimePoint at) const {
    if (!std::isfinite(straight_line_m) || straight_line_m < 0) return std::nullopt;
    const double multiplier = IsRushHour(at) ? settings_.rush_hour_multiplier : 1.0;
    double best = kInf;
    for (UnitKind kind : kAllKinds) {
        const KindProfile& p = settings_.Profile(kind);
        best = std::min(best, straight_line_m * settings_.road_factor / (p.speed_kmh * multiplier / 3.6) + p.turnout_s);
    }
    return best * (1 - 1e-9);  // strictly below any estimate, whatever the rounding
}

}  // namespace precinct::dispatch
