#pragma once
// Which unit handles a report, and which open reports a new one probably repeats.
//
// Routing takes the category's unit kind and, in this order: the station of the ward that contains the report's
// point (when a ward boundary map is configured), the station of the ward the citizen named, the nearest local
// station of that kind by straight-line distance (within StationList::max_distance_m()), a city-level station of that
// kind, and last the list's city-wide fallback station. Every decision carries a reason in Vietnamese and English.
// Stations come from data (data/reports/stations.toml); ward boundaries from a simple GeoJSON FeatureCollection.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "geo.hpp"
#include "workflow.hpp"

namespace precinct::reports {

// ---- stations ----

enum class StationLevel {
    kLocal,  // serves an area: a ward police station, a traffic police team, a fire station
    kCity,   // city-level department: used when no local station applies
};
std::string_view StationLevelCode(StationLevel l);  // "local", "city"

struct Station {
    std::string id;  // a-z, 0-9, '_' and '-'
    std::string name_vi;
    std::string name_en;
    UnitKind kind = UnitKind::kWardPolice;
    StationLevel level = StationLevel::kLocal;
    GeoPoint position;
    std::string ward;  // ward code the station serves ("" for none); matches the ward map's `ward` property
};

inline constexpr double kDefaultMaxDistanceM = 30000;

class StationList {
public:
    StationList() = default;
    // Checks and builds a list. kInvalidArgument naming the entry, e.g. "stations[3].id": an id that is not 1-64
    // characters of a-z, 0-9, '_' and '-', a repeated id, a blank name, an invalid point, a ward code that is blank
    // or padded with white space, two local stations of one kind for the same ward; "fallback" when `fallback_id`
    // (if not empty) names no city-level station; "max_distance_km" when `max_distance_m` is not within (0, 500 km].
    static Result<StationList> Create(std::vector<Station> stations, std::string fallback_id = {},
                                      double max_distance_m = kDefaultMaxDistanceM);

    const std::vector<Station>& stations() const { return stations_; }
    const std::string& fallback_id() const { return fallback_id_; }  // "" for none
    // A local station farther than this from the report is not taken as "nearest".
    double max_distance_m() const { return max_distance_m_; }

    const Station* Find(std::string_view id) const;
    // The city-wide fallback station, or null.
    const Station* Fallback() const { return fallback_id_.empty() ? nullptr : Find(fallback_id_); }

private:
    std::vector<Station> stations_;
    std::string fallback_id_;
    double max_distance_m_ = kDefaultMaxDistanceM;
};

// Reads stations from TOML read into JSON:
//   fallback = "<station id>"        optional; must name a city-level station
//   max_distance_km = 30             optional, (0, 500]
//   [[stations]] id, name_vi, name_en, kind (a UnitKindCode), level ("local" | "city", default "local"),
//                lat, lon, ward (optional)
// Strict: unknown keys, wrong types, bad kinds or levels, and everything StationList::Create refuses are refused
// with kInvalidArgument naming the key, e.g. "stations[4].lat".
Result<StationList> LoadStations(const Json& toml_as_json);
Result<StationList> LoadStationsFile(const std::filesystem::path& path);

// ---- ward boundaries ----

using Ring = std::vector<GeoPoint>;  // closed: the last point equals the first
struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

struct WardArea {
    std::string ward;  // the feature's `ward` property
    std::string name;  // its `name` property, if any
    std::vector<Polygon> polygons;
    double min_lat = 0, max_lat = 0, min_lon = 0, max_lon = 0;  // bounding box
};

class WardMap {
public:
    WardMap() = default;
    // The ward whose polygons contain `p` (ray casting; a point inside a hole is outside), or null. When areas
    // overlap, the first in file order wins.
    const WardArea* WardAt(const GeoPoint& p) const;
    const WardArea* Find(std::string_view ward) const;
    const std::vector<WardArea>& areas() const { return areas_; }

    // Checks and builds a map from parsed GeoJSON: a FeatureCollection whose features have a Polygon or
    // MultiPolygon geometry and a non-empty string property `ward` (unique across features); optional string
    // property `name`; other properties and foreign members are ignored. Rings need at least 4 positions, the last
    // equal to the first, positions [lon, lat] (an optional third number, altitude, is ignored) within WGS-84
    // ranges. Errors are kInvalidArgument naming the member, e.g. "features[2].geometry.coordinates[0][1]".
    static Result<WardMap> FromGeoJson(const Json& geojson);

private:
    std::vector<WardArea> areas_;
};

inline constexpr std::uintmax_t kMaxWardMapBytes = 64u << 20;
// Reads and checks a GeoJSON file (at most kMaxWardMapBytes). kNotFound when it cannot be opened.
Result<WardMap> LoadWardMap(const std::filesystem::path& path);

// ---- routing ----

enum class RouteBasis {
    kWardBoundary,  // the point lies in a ward of the ward map
    kWardGiven,     // the ward the citizen named
    kNearest,       // nearest local station of the kind
    kCityLevel,     // a city-level station of the kind
    kFallback,      // the list's city-wide fallback station
};
std::string_view RouteBasisCode(RouteBasis b);  // "ward_boundary", "ward_given", "nearest", "city_level", "fallback"

struct RouteDecision {
    Station station;
    RouteBasis basis = RouteBasis::kNearest;
    std::optional<double> distance_m;  // from the report's point to the station, when there is a point
    std::string ward;                  // the ward used, if any
    std::string reason_vi;             // "gần nhất: Công an phường Hoàn Kiếm (demo), cách 1,2 km"
    std::string reason_en;             // "nearest: Hoan Kiem Ward Police (demo), 1.2 km away"
};

// Chooses the station for a report of `category`. `point` must be valid if given (else kInvalidArgument, field
// "point"); `ward` may be empty. `wards` may be null (no boundary map configured). kNotFound (field "category")
// when no station of the kind applies and the list has no fallback.
Result<RouteDecision> Route(const Category& category, std::optional<GeoPoint> point, std::optional<std::string> ward,
                            const StationList& stations, const WardMap* wards);

// ---- likely duplicates ----

struct OpenReport {
    std::string id;
    std::string category;  // category code
    std::optional<GeoPoint> point;
    TimePoint received_at;
    ReportStatus status = ReportStatus::kReceived;
};

struct DuplicateHint {
    std::string report_id;
    double distance_m = 0;
    std::chrono::seconds time_apart{0};  // |received_at - other's received_at|
    double score = 0;                    // [0, 1]; 1 = same place, same moment
    std::string reason_vi;               // "cùng loại «Tiếng ồn», cách 30 m, trước đó 2 giờ 15 phút"
    std::string reason_en;               // "same category 'Noise', 30 m away, 2 h 15 min earlier"
};

// Reports of the same category whose point lies within `radius_m` of `point` and that were received within
// `window` of `received_at` (before or after), still open in Open311 terms (received, accepted, in_progress,
// forwarded). Best first by score = 0.5 x (1 - distance / radius) + 0.5 x (1 - time apart / window), then by
// distance, then by id. Reports without a point are skipped. An invalid point, a radius that is not positive and
// finite or a window that is not positive give no hints.
std::vector<DuplicateHint> FindDuplicates(const Category& category, GeoPoint point, TimePoint received_at,
                                          const std::vector<OpenReport>& open, double radius_m = 50,
                                          std::chrono::hours window = std::chrono::hours(72));

}  // namespace precinct::reports
