#pragma once
// Points on the map for citizen reports: a WGS-84 point, great-circle distance and a distance for people to read.
// Header-only and independent of the dispatch module (reports do not link against it).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <string>

namespace precinct::reports {

struct GeoPoint {
    double lat = 0;  // WGS-84 degrees, [-90, 90]
    double lon = 0;  // WGS-84 degrees, [-180, 180]
};

inline constexpr double kEarthRadiusM = 6371008.8;  // mean radius (IUGG)

// Finite and within the latitude/longitude ranges.
inline bool ValidPoint(const GeoPoint& p) {
    return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180;
}

// Great-circle (haversine) distance in metres.
inline double DistanceMeters(const GeoPoint& a, const GeoPoint& b) {
    constexpr double kRad = std::numbers::pi / 180.0;
    const double dlat = (b.lat - a.lat) * kRad;
    const double dlon = (b.lon - a.lon) * kRad;
    const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(s)));
}

// "850 m" below 1 km (rounded to the metre), else kilometres with one decimal and a decimal comma in Vietnamese:
// FormatDistance(1234, true) == "1,2 km", FormatDistance(1234, false) == "1.2 km". Locale-free.
inline std::string FormatDistance(double meters, bool vietnamese) {
    if (!std::isfinite(meters) || meters < 0) return "?";
    if (meters < 999.5) return std::to_string(std::lround(meters)) + " m";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, meters / 1000, std::chars_format::fixed, 1);
    if (ec != std::errc()) return "?";
    std::string out(buf, end);
    if (vietnamese) std::replace(out.begin(), out.end(), '.', ',');
    return out + " km";
}

}  // namespace precinct::reports
