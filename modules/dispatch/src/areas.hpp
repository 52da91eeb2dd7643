#pragma once
// Areas of Hà Nội used to group statistics: the former urban districts (quận), which the 2025 reform replaced
// with wards directly under the city. The platform has no boundary polygons, so a point belongs to the area
// whose reference point is nearest, within 8 km; this is an approximation, labelled as such in the product.
#include <optional>
#include <string_view>
#include <vector>

#include "domain.hpp"

namespace precinct::dispatch {

struct Area {
    std::string_view code;     // "hoan_kiem"
    std::string_view name_vi;  // "Hoàn Kiếm"
    std::string_view name_en;  // "Hoan Kiem"
    GeoPoint center;           // approximate reference point
};

const std::vector<Area>& Areas();
// The nearest area within 8 km, or nullopt.
std::optional<Area> AreaOf(const GeoPoint& p);
std::optional<Area> AreaByCode(std::string_view code);

}  // namespace precinct::dispatch
