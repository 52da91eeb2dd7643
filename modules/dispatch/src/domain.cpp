#include "domain.hpp"

#include <algorithm>
#include <cmath>

#include "code_table.hpp"

namespace precinct::dispatch {
namespace {

struct CategoryInfo {
    Category category;
    std::string_view code;
    std::string_view vi;
    std::string_view en;
};

constexpr std::array<CategoryInfo, 11> kCategories = {{
    {Category::kCrimeViolent, "CRIME-VIOLENT", "Tội phạm bạo lực", "Violent crime"},
    {Category::kCrimeProperty, "CRIME-PROPERTY", "Tội phạm xâm phạm tài sản", "Property crime"},
    {Category::kPublicOrder, "PUBLIC-ORDER", "Trật tự công cộng", "Public order"},
    {Category::kTraffic, "TRAFFIC", "Giao thông", "Traffic"},
    {Category::kFire, "FIRE", "Cháy, nổ", "Fire and explosion"},
    {Category::kRescue, "RESCUE", "Cứu nạn, cứu hộ", "Rescue"},
    {Category::kMedical, "MEDICAL", "Cấp cứu y tế", "Medical emergency"},
    {Category::kDisaster, "DISASTER", "Thiên tai, phòng thủ dân sự", "Disaster and civil defence"},
    {Category::kChildProtection, "CHILD-PROTECTION", "Bảo vệ trẻ em", "Child protection"},
    {Category::kCyberFraud, "CYBER-FRAUD", "Lừa đảo trực tuyến", "Online fraud"},
    {Category::kInfo, "INFO", "Thông tin, không khẩn cấp", "Information, non-emergency"},
}};

constexpr std::array<std::pair<Line, std::string_view>, 6> kLines = {{
    {Line::k113, "113"},
    {Line::k114, "114"},
    {Line::k115, "115"},
    {Line::k111, "111"},
    {Line::k112, "112"},
    {Line::kOther, "other"},
}};

constexpr std::array<std::pair<UnitKind, std::string_view>, 5> kKinds = {{
    {UnitKind::kPatrolCar, "patrol_car"},
    {UnitKind::kMotorbike, "motorbike"},
    {UnitKind::kFireEngine, "fire_engine"},
    {UnitKind::kLadder, "ladder"},
    {UnitKind::kRescue, "rescue"},
}};

constexpr std::array<std::pair<UnitStatus, std::string_view>, 6> kStatuses = {{
    {UnitStatus::kAvailable, "available"},
    {UnitStatus::kDispatched, "dispatched"},
    {UnitStatus::kEnRoute, "en_route"},
    {UnitStatus::kOnScene, "on_scene"},
    {UnitStatus::kClearing, "clearing"},
    {UnitStatus::kOutOfService, "out_of_service"},
}};

const CategoryInfo& InfoOf(Category c) {
    for (const auto& info : kCategories) {
        if (info.category == c) return info;
    }
    return kCategories.back();
}

}  // namespace

std::string_view LineCode(Line line) { return CodeOf(kLines, line); }

std::optional<Line> ParseLine(std::string_view text) {
    auto line = ValueOf<Line>(kLines, text);
    if (line == Line::kOther) return std::nullopt;
    return line;
}

std::string_view CategoryCode(Category c) { return InfoOf(c).code; }
std::string_view CategoryLabelVi(Category c) { return InfoOf(c).vi; }
std::string_view CategoryLabelEn(Category c) { return InfoOf(c).en; }

std::optional<Category> ParseCategory(std::string_view code) {
    for (const auto& info : kCategories) {
        if (info.code == code) return info.category;
    }
    return std::nullopt;
}

std::string_view PriorityCode(Priority p) {
    switch (p) {
        case Priority::kP1: return "P1";
        case Priority::kP2: return "P2";
        case Priority::kP3: return "P3";
        case Priority::kP4: return "P4";
    }
    return "P4";
}

std::optional<Priority> ParsePriority(std::string_view code) {
    if (code == "P1") return Priority::kP1;
    if (code == "P2") return Priority::kP2;
    if (code == "P3") return Priority::kP3;
    if (code == "P4") return Priority::kP4;
    return std::nullopt;
}

bool ValidPoint(const GeoPoint& p) {
    return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180;
}

double DistanceMeters(const GeoPoint& a, const GeoPoint& b) {
    constexpr double kEarthRadiusM = 6371008.8;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dlat = (b.lat - a.lat) * kRad;
    const double dlon = (b.lon - a.lon) * kRad;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string_view UnitKindCode(UnitKind k) { return CodeOf(kKinds, k); }
std::optional<UnitKind> ParseUnitKind(std::string_view code) { return ValueOf<UnitKind>(kKinds, code); }
std::string_view UnitStatusCode(UnitStatus s) { return CodeOf(kStatuses, s); }
std::optional<UnitStatus> ParseUnitStatus(std::string_view code) { return ValueOf<UnitStatus>(kStatuses, code); }

}  // namespace precinct::dispatch
