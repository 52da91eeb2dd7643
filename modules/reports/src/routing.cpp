// Routing reports to stations (ward boundary, named ward, nearest, city level, fallback), loading stations and ward
// boundaries, and likely-duplicate hints.
#include "routing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <utility>

#include "core/config.hpp"
#include "core/settings.hpp"

namespace precinct::reports {
namespace {

constexpr std::size_t kMaxStations = 5000;
constexpr std::size_t kMaxIdLength = 64;

tl::unexpected<Error> Invalid(const std::string& field, std::string_view message) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", field, message), field);
}

std::string_view Trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\v\f";
    const auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(kSpace);
    return text.substr(begin, end - begin + 1);
}

bool IsId(std::string_view s) {
    if (s.empty() || s.size() > kMaxIdLength) return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
}

std::vector<std::string> UnitKindCodes() {
    std::vector<std::string> out;
    for (UnitKind k : kAllUnitKinds) out.emplace_back(UnitKindCode(k));
    return out;
}

// ---- stations ----

Result<Station> ReadStation(const Json& json, const std::string& path) {
    if (!json.is_object()) return Invalid(path, "must be a table");
    Station s;
    std::string kind;
    std::string level = "local";
    SettingsReader r(json, path);
    r.Require("id").String("id", s.id, kMaxIdLength);
    r.Require("name_vi").String("name_vi", s.name_vi, kMaxNameLength);
    r.Require("name_en").String("name_en", s.name_en, kMaxNameLength);
    r.Require("kind").OneOf("kind", kind, UnitKindCodes());
    r.OneOf("level", level, {"local", "city"});
    r.Require("lat").Double("lat", s.position.lat, -90, 90);
    r.Require("lon").Double("lon", s.position.lon, -180, 180);
    r.String("ward", s.ward, kMaxIdLength);
    if (auto status = r.Finish(); !status) return Fail(status.error());
    if (json.contains("ward") && Trim(s.ward).empty()) return Invalid(r.KeyPath("ward"), "must not be empty");
    s.kind = *ParseUnitKind(kind);
    s.level = level == "city" ? StationLevel::kCity : StationLevel::kLocal;
    return s;
}

// ---- GeoJSON ----

Result<GeoPoint> ReadPosition(const Json& json, const std::string& path) {
    if (!json.is_array() || json.size() < 2 || json.size() > 3) {
        return Invalid(path, "must be a position [longitude, latitude]");
    }
    for (const auto& n : json) {
        if (!n.is_number()) return Invalid(path, "must hold numbers only");
    }
    const GeoPoint p{json[1].get<double>(), json[0].get<double>()};
    if (!ValidPoint(p)) return Invalid(path, "is outside the WGS-84 ranges (longitude first, then latitude)");
    return p;
}

Result<Ring> ReadRing(const Json& json, const std::string& path) {
    if (!json.is_array() || json.size() < 4) return Invalid(path, "must be a ring of at least 4 positions");
    Ring ring;
    ring.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        auto p = ReadPosition(json[i], fmt::format("{}[{}]", path, i));
        if (!p) return Fail(p.error());
        ring.push_back(*p);
    }
    if (ring.front().lat != ring.back().lat || ring.front().lon != ring.back().lon) {
        return Invalid(path, "must be closed: the last position must equal the first");
    }
    return ring;
}

Result<Polygon> ReadPolygon(const Json& json, const std::string& path) {
    if (!json.is_array() || json.empty()) return Invalid(path, "must be a non-empty array of rings");
    Polygon polygon;
    for (std::size_t i = 0; i < json.size(); ++i) {
        auto ring = ReadRing(json[i], fmt::format("{}[{}]", path, i));
        if (!ring) return Fail(ring.error());
        if (i == 0) {
            polygon.outer = std::move(*ring);
        } else {
            polygon.holes.push_back(std::move(*ring));
        }
    }
    return polygon;
}

Result<std::vector<Polygon>> ReadGeometry(const Json& json, const std::string& path) {
    if (!json.is_object()) return Invalid(path, "must be a Polygon or MultiPolygon geometry");
    const auto type = json.find("type");
    if (type == json.end() || !type->is_string()) return Invalid(path + ".type", "must be Polygon or MultiPolygon");
    const auto coordinates = json.find("coordinates");
    const std::string coords_path = path + ".coordinates";
    if (coordinates == json.end()) return Invalid(coords_path, "is required");
    std::vector<Polygon> polygons;
    if (*type == "Polygon") {
        auto polygon = ReadPolygon(*coordinates, coords_path);
        if (!polygon) return Fail(polygon.error());
        polygons.push_back(std::move(*polygon));
    } else if (*type == "MultiPolygon") {
        if (!coordinates->is_array() || coordinates->empty()) {
            return Invalid(coords_path, "must be a non-empty array of polygons");
        }
        for (std::size_t i = 0; i < coordinates->size(); ++i) {
            auto polygon = ReadPolygon((*coordinates)[i], fmt::format("{}[{}]", coords_path, i));
            if (!polygon) return Fail(polygon.error());
            polygons.push_back(std::move(*polygon));
        }
    } else {
        return Invalid(path + ".type", "must be Polygon or MultiPolygon");
    }
    return polygons;
}

// Ray casting, longitude as x and latitude as y (fine at city scale, away from the antimeridian).
bool InRing(const Ring& ring, const GeoPoint& p) {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const GeoPoint& a = ring[i];
        const GeoPoint& b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat)) {
            const double x = (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon;
            if (p.lon < x) inside = !inside;
        }
    }
    return inside;
}

bool InPolygon(const Polygon& polygon, const GeoPoint& p) {
    if (!InRing(polygon.outer, p)) return false;
    return std::none_of(polygon.holes.begin(), polygon.holes.end(), [&](const Ring& h) { return InRing(h, p); });
}

// ---- routing ----

struct Why {
    std::string vi;
    std::string en;
};

std::string WardLabel(std::string_view ward, const WardMap* wards) {
    if (wards) {
        if (const WardArea* area = wards->Find(ward); area && !area->name.empty()) return area->name;
    }
    return std::string(ward);
}

RouteDecision MakeDecision(const Station& station, RouteBasis basis, std::optional<GeoPoint> point) {
    RouteDecision d;
    d.station = station;
    d.basis = basis;
    if (point) d.distance_m = DistanceMeters(*point, station.position);
    return d;
}

// ", cách 1,2 km" / ", 1.2 km away" when the decision has a distance.
std::string DistanceSuffix(const RouteDecision& d, bool vietnamese) {
    if (!d.distance_m) return {};
    return vietnamese ? ", cách " + FormatDistance(*d.distance_m, true)
                      : ", " + FormatDistance(*d.distance_m, false) + " away";
}

// ---- duplicates ----

// "2 ngày 3 giờ", "2 giờ 15 phút", "45 phút", "dưới 1 phút" / "2 d 3 h", "2 h 15 min", "45 min", "under 1 min".
std::string FormatSpan(std::chrono::seconds span, bool vietnamese) {
    const long long total_min = span.count() / 60;
    const long long days = total_min / (24 * 60), hours = (total_min / 60) % 24, minutes = total_min % 60;
    const std::string d = vietnamese ? " ngày" : " d", h = vietnamese ? " giờ" : " h",
                      m = vietnamese ? " phút" : " min";
    if (days > 0) return std::to_string(days) + d + (hours > 0 ? " " + std::to_string(hours) + h : "");
    if (hours > 0) return std::to_string(hours) + h + (minutes > 0 ? " " + std::to_string(minutes) + m : "");
    if (minutes > 0) return std::to_string(minutes) + m;
    return vietnamese ? "dưới 1 phút" : "under 1 min";
}

}  // namespace

// ---- stations ----

std::string_view StationLevelCode(StationLevel l) { return l == StationLevel::kCity ? "city" : "local"; }

Result<StationList> StationList::Create(std::vector<Station> stations, std::string fallback_id, double max_distance_m) {
    if (!(max_distance_m > 0 && max_distance_m <= 500000)) {
        return Invalid("max_distance_km", "must be more than 0 and at most 500 km");
    }
    if (stations.size() > kMaxStations) {
        return Invalid("stations", fmt::format("must have at most {} stations", kMaxStations));
    }
    for (std::size_t i = 0; i < stations.size(); ++i) {
        const Station& s = stations[i];
        const std::string path = fmt::format("stations[{}]", i);
        if (!IsId(s.id)) return Invalid(path + ".id", "must be 1-64 characters of a-z, 0-9, '_' and '-'");
        if (Trim(s.name_vi).empty()) return Invalid(path + ".name_vi", "must not be empty");
        if (Trim(s.name_en).empty()) return Invalid(path + ".name_en", "must not be empty");
        if (!ValidPoint(s.position)) {
            return Invalid(path + (std::isfinite(s.position.lat) && std::abs(s.position.lat) <= 90 ? ".lon" : ".lat"),
                           "is outside the WGS-84 ranges");
        }
        if (s.ward.size() > kMaxIdLength || Trim(s.ward) != s.ward) {
            return Invalid(path + ".ward", "must be at most 64 characters, without white space around it");
        }
        for (std::size_t j = 0; j < i; ++j) {
            const Station& other = stations[j];
            if (other.id == s.id) {
                return Invalid(path + ".id", fmt::format("'{}' is already used by stations[{}]", s.id, j));
            }
            if (!s.ward.empty() && other.ward == s.ward && other.kind == s.kind &&
                other.level == StationLevel::kLocal && s.level == StationLevel::kLocal) {
                return Invalid(path + ".ward", fmt::format("ward '{}' already has a local {} station: stations[{}]",
                                                           s.ward, UnitKindCode(s.kind), j));
            }
        }
    }
    StationList list;
    list.stations_ = std::move(stations);
    list.fallback_id_ = std::move(fallback_id);
    list.max_distance_m_ = max_distance_m;
    if (!list.fallback_id_.empty()) {
        const Station* fallback = list.Find(list.fallback_id_);
        if (!fallback) return Invalid("fallback", fmt::format("no station has the id '{}'", list.fallback_id_));
        if (fallback->level != StationLevel::kCity) {
            return Invalid("fallback", fmt::format("'{}' must be a city-level station", list.fallback_id_));
        }
    }
    return list;
}

const Station* StationList::Find(std::string_view id) const {
    for (const auto& s : stations_) {
        if (s.id == id) return &s;
    }
    return nullptr;
}

Result<StationList> LoadStations(const Json& toml_as_json) {
    if (!toml_as_json.is_object()) return Fail(ErrorCode::kInvalidArgument, "station data: must be a table");
    std::string fallback_id;
    double max_distance_km = kDefaultMaxDistanceM / 1000;
    SettingsReader top(toml_as_json, "");
    top.Require("stations").Known("stations");
    top.String("fallback", fallback_id, kMaxIdLength);
    top.Double("max_distance_km", max_distance_km, 0.001, 500);
    if (auto status = top.Finish(); !status) return Fail(status.error());

    const Json& list = toml_as_json.at("stations");
    if (!list.is_array() || list.empty()) return Invalid("stations", "must be a non-empty array of tables");
    if (list.size() > kMaxStations) {
        return Invalid("stations", fmt::format("must have at most {} stations", kMaxStations));
    }
    std::vector<Station> stations;
    stations.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto station = ReadStation(list[i], fmt::format("stations[{}]", i));
        if (!station) return Fail(station.error());
        stations.push_back(std::move(*station));
    }
    return StationList::Create(std::move(stations), std::move(fallback_id), max_distance_km * 1000);
}

Result<StationList> LoadStationsFile(const std::filesystem::path& path) {
    auto json = LoadTomlFile(path);
    if (!json) return Fail(json.error());
    auto list = LoadStations(*json);
    if (!list) {
        Error error = list.error();
        error.message = path.string() + ": " + error.message;
        return Fail(std::move(error));
    }
    return list;
}

// ---- ward boundaries ----

const WardArea* WardMap::WardAt(const GeoPoint& p) const {
    if (!ValidPoint(p)) return nullptr;
    for (const auto& area : areas_) {
        if (p.lat < area.min_lat || p.lat > area.max_lat || p.lon < area.min_lon || p.lon > area.max_lon) continue;
        for (const auto& polygon : area.polygons) {
            if (InPolygon(polygon, p)) return &area;
        }
    }
    return nullptr;
}

const WardArea* WardMap::Find(std::string_view ward) const {
    for (const auto& area : areas_) {
        if (area.ward == ward) return &area;
    }
    return nullptr;
}

Result<WardMap> WardMap::FromGeoJson(const Json& geojson) {
    if (!geojson.is_object()) return Invalid("type", "the ward map must be a GeoJSON FeatureCollection object");
    const auto type = geojson.find("type");
    if (type == geojson.end() || *type != "FeatureCollection") return Invalid("type", "must be FeatureCollection");
    const auto features = geojson.find("features");
    if (features == geojson.end() || !features->is_array() || features->empty()) {
        return Invalid("features", "must be a non-empty array of features");
    }
    WardMap map;
    for (std::size_t i = 0; i < features->size(); ++i) {
        const Json& feature = (*features)[i];
        const std::string path = fmt::format("features[{}]", i);
        if (!feature.is_object()) return Invalid(path, "must be a Feature object");
        const auto ftype = feature.find("type");
        if (ftype == feature.end() || *ftype != "Feature") return Invalid(path + ".type", "must be Feature");
        const auto properties = feature.find("properties");
        if (properties == feature.end() || !properties->is_object()) {
            return Invalid(path + ".properties", "must be an object with a 'ward' property");
        }
        WardArea area;
        const auto ward = properties->find("ward");
        if (ward == properties->end() || !ward->is_string() || Trim(ward->get_ref<const std::string&>()).empty()) {
            return Invalid(path + ".properties.ward", "must be a non-empty string");
        }
        area.ward = ward->get<std::string>();
        if (map.Find(area.ward)) {
            return Invalid(path + ".properties.ward",
                           fmt::format("'{}' is already used by another feature; use a MultiPolygon", area.ward));
        }
        if (const auto name = properties->find("name"); name != properties->end() && !name->is_null()) {
            if (!name->is_string()) return Invalid(path + ".properties.name", "must be a string");
            area.name = name->get<std::string>();
        }
        const auto geometry = feature.find("geometry");
        if (geometry == feature.end()) return Invalid(path + ".geometry", "is required");
        auto polygons = ReadGeometry(*geometry, path + ".geometry");
        if (!polygons) return Fail(polygons.error());
        area.polygons = std::move(*polygons);
        area.min_lat = area.min_lon = 1000;
        area.max_lat = area.max_lon = -1000;
        for (const auto& polygon : area.polygons) {
            for (const auto& p : polygon.outer) {
                area.min_lat = std::min(area.min_lat, p.lat);
                area.max_lat = std::max(area.max_lat, p.lat);
                area.min_lon = std::min(area.min_lon, p.lon);
                area.max_lon = std::max(area.max_lon, p.lon);
            }
        }
        map.areas_.push_back(std::move(area));
    }
    return map;
}

Result<WardMap> LoadWardMap(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return Fail(ErrorCode::kNotFound, fmt::format("cannot open ward map {}", path.string()));
    if (size > kMaxWardMapBytes) {
        return Fail(ErrorCode::kTooLarge, fmt::format("{}: larger than {} bytes", path.string(), kMaxWardMapBytes));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(ErrorCode::kNotFound, fmt::format("cannot open ward map {}", path.string()));
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    Json json;
    try {
        json = Json::parse(text);
    } catch (const Json::parse_error& e) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: not valid JSON at byte {}", path.string(), e.byte));
    }
    auto map = WardMap::FromGeoJson(json);
    if (!map) {
        Error error = map.error();
        error.message = path.string() + ": " + error.message;
        return Fail(std::move(error));
    }
    return map;
}

// ---- routing ----

std::string_view RouteBasisCode(RouteBasis b) {
    switch (b) {
        case RouteBasis::kWardBoundary: return "ward_boundary";
        case RouteBasis::kWardGiven: return "ward_given";
        case RouteBasis::kNearest: return "nearest";
        case RouteBasis::kCityLevel: return "city_level";
        case RouteBasis::kFallback: return "fallback";
    }
    return "nearest";
}

Result<RouteDecision> Route(const Category& category, std::optional<GeoPoint> point, std::optional<std::string> ward,
                            const StationList& stations, const WardMap* wards) {
    if (point && !ValidPoint(*point)) {
        return Fail(ErrorCode::kInvalidArgument,
                    "point: latitude must be within [-90, 90] and longitude within "
                    "[-180, 180]",
                    "point");
    }
    const UnitKind kind = category.handled_by;
    const std::string given_ward(ward ? Trim(*ward) : std::string_view{});
    auto local_for_ward = [&](std::string_view code) -> const Station* {
        for (const auto& s : stations.stations()) {
            if (s.kind == kind && s.level == StationLevel::kLocal && s.ward == code) return &s;
        }
        return nullptr;
    };
    const bool has_local = std::any_of(stations.stations().begin(), stations.stations().end(), [&](const Station& s) {
        return s.kind == kind && s.level == StationLevel::kLocal;
    });

    Why why;
    if (!has_local) {
        why = {fmt::format("không có đơn vị cơ sở loại «{}»", UnitKindLabelVi(kind)),
               fmt::format("no local '{}' unit", UnitKindLabelEn(kind))};
    } else {
        // 1. The ward whose boundary contains the point.
        if (point && wards) {
            if (const WardArea* area = wards->WardAt(*point)) {
                if (const Station* s = local_for_ward(area->ward)) {
                    RouteDecision d = MakeDecision(*s, RouteBasis::kWardBoundary, point);
                    const std::string label = WardLabel(area->ward, wards);
                    d.ward = area->ward;
                    d.reason_vi = fmt::format("thuộc địa bàn phường {} (theo ranh giới): {}{}", label, s->name_vi,
                                              DistanceSuffix(d, true));
                    d.reason_en =
                        fmt::format("inside ward {} (by boundary): {}{}", label, s->name_en, DistanceSuffix(d, false));
                    return d;
                }
            }
        }
        // 2. The ward the citizen named.
        if (!given_ward.empty()) {
            if (const Station* s = local_for_ward(given_ward)) {
                RouteDecision d = MakeDecision(*s, RouteBasis::kWardGiven, point);
                const std::string label = WardLabel(given_ward, wards);
                d.ward = given_ward;
                d.reason_vi =
                    fmt::format("theo phường người báo nêu ({}): {}{}", label, s->name_vi, DistanceSuffix(d, true));
                d.reason_en = fmt::format("by the ward given by the reporter ({}): {}{}", label, s->name_en,
                                          DistanceSuffix(d, false));
                return d;
            }
        }
        // 3. The nearest local station of the kind.
        if (point) {
            const Station* best = nullptr;
            double best_m = 0;
            for (const auto& s : stations.stations()) {
                if (s.kind != kind || s.level != StationLevel::kLocal) continue;
                const double m = DistanceMeters(*point, s.position);
                if (!best || m < best_m || (m == best_m && s.id < best->id)) {
                    best = &s;
                    best_m = m;
                }
            }
            if (best_m <= stations.max_distance_m()) {
                RouteDecision d = MakeDecision(*best, RouteBasis::kNearest, point);
                d.ward = best->ward;
                d.reason_vi = fmt::format("gần nhất: {}{}", best->name_vi, DistanceSuffix(d, true));
                d.reason_en = fmt::format("nearest: {}{}", best->name_en, DistanceSuffix(d, false));
                return d;
            }
            why = {fmt::format("đơn vị gần nhất cách {}, quá {}", FormatDistance(best_m, true),
                               FormatDistance(stations.max_distance_m(), true)),
                   fmt::format("the nearest unit is {} away, beyond {}", FormatDistance(best_m, false),
                               FormatDistance(stations.max_distance_m(), false))};
        } else if (!given_ward.empty()) {
            why = {fmt::format("không có vị trí, phường «{}» không có đơn vị loại «{}»", given_ward,
                               UnitKindLabelVi(kind)),
                   fmt::format("no location, and ward '{}' has no '{}' unit", given_ward, UnitKindLabelEn(kind))};
        } else {
            why = {"phản ánh không có vị trí hay phường", "the report has no location or ward"};
        }
    }

    // 4. A city-level station of the kind.
    for (const auto& s : stations.stations()) {
        if (s.kind != kind || s.level != StationLevel::kCity) continue;
        RouteDecision d = MakeDecision(s, RouteBasis::kCityLevel, point);
        d.reason_vi = fmt::format("đơn vị cấp thành phố: {} ({})", s.name_vi, why.vi);
        d.reason_en = fmt::format("city-level unit: {} ({})", s.name_en, why.en);
        return d;
    }
    // 5. The city-wide fallback.
    if (const Station* s = stations.Fallback()) {
        RouteDecision d = MakeDecision(*s, RouteBasis::kFallback, point);
        d.reason_vi = fmt::format("đơn vị tiếp nhận chung của thành phố: {} ({})", s->name_vi, why.vi);
        d.reason_en = fmt::format("city-wide fallback: {} ({})", s->name_en, why.en);
        return d;
    }
    return Fail(ErrorCode::kNotFound, fmt::format("no station can take a '{}' report: {}", category.code, why.en),
                "category");
}

// ---- likely duplicates ----

std::vector<DuplicateHint> FindDuplicates(const Category& category, GeoPoint point, TimePoint received_at,
                                          const std::vector<OpenReport>& open, double radius_m,
                                          std::chrono::hours window) {
    std::vector<DuplicateHint> hints;
    if (!ValidPoint(point) || !std::isfinite(radius_m) || radius_m <= 0 || window <= std::chrono::hours(0)) {
        return hints;
    }
    const double window_s = std::chrono::duration<double>(window).count();
    for (const auto& report : open) {
        if (report.category != category.code || !report.point || !ValidPoint(*report.point)) continue;
        if (Open311Status(report.status) != "open") continue;
        const double distance = DistanceMeters(point, *report.point);
        if (distance > radius_m) continue;
        const auto delta = report.received_at - received_at;  // negative: the other report came first
        const auto apart = std::chrono::duration_cast<std::chrono::seconds>(delta < delta.zero() ? -delta : delta);
        if (apart > window) continue;
        DuplicateHint hint;
        hint.report_id = report.id;
        hint.distance_m = distance;
        hint.time_apart = apart;
        const double time_apart_s = std::chrono::duration<double>(delta < delta.zero() ? -delta : delta).count();
        hint.score = std::clamp(0.5 * (1 - distance / radius_m) + 0.5 * (1 - time_apart_s / window_s), 0.0, 1.0);
        std::string when_vi, when_en;
        if (apart < std::chrono::minutes(1)) {
            when_vi = "gần như cùng lúc";
            when_en = "at about the same time";
        } else if (delta < delta.zero()) {
            when_vi = "trước đó " + FormatSpan(apart, true);
            when_en = FormatSpan(apart, false) + " earlier";
        } else {
            when_vi = "sau đó " + FormatSpan(apart, true);
            when_en = FormatSpan(apart, false) + " later";
        }
        hint.reason_vi =
            fmt::format("cùng loại «{}», cách {}, {}", category.name_vi, FormatDistance(distance, true), when_vi);
        hint.reason_en =
            fmt::format("same category '{}', {} away, {}", category.name_en, FormatDistance(distance, false), when_en);
        hints.push_back(std::move(hint));
    }
    std::sort(hints.begin(), hints.end(), [](const DuplicateHint& a, const DuplicateHint& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
        return a.report_id < b.report_id;
    });
    return hints;
}

}  // namespace precinct::reports
