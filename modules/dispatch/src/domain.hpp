#pragma once
// The vocabulary of the 113/114 centre: lines, incident categories, priorities, locations, units and their
// states. Plain structs and small pure functions, no JSON and no storage, so every rule is testable alone.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace precinct::dispatch {

// ---- lines ----
// The line the caller dialled. 113 and 114 are handled here; every other number is recorded and marked
// transferred (115 medical, 111 child protection, 112 disasters run their own centres).
enum class Line { k113, k114, k115, k111, k112, kOther };
std::string_view LineCode(Line line);                  // "113", ..., "other"
std::optional<Line> ParseLine(std::string_view text);  // "113" ... "112"; anything else: nullopt
inline bool HandledHere(Line line) { return line == Line::k113 || line == Line::k114; }

// ---- categories ----
// Two-level taxonomy of the centre; the top level is fixed here, the type is free text within it.
enum class Category {
    kCrimeViolent,
    kCrimeProperty,
    kPublicOrder,
    kTraffic,
    kFire,
    kRescue,
    kMedical,
    kDisaster,
    kChildProtection,
    kCyberFraud,
    kInfo,
};
inline constexpr std::array kAllCategories = {
    Category::kCrimeViolent, Category::kCrimeProperty, Category::kPublicOrder,
    Category::kTraffic,      Category::kFire,          Category::kRescue,
    Category::kMedical,      Category::kDisaster,      Category::kChildProtection,
    Category::kCyberFraud,   Category::kInfo,
};
std::string_view CategoryCode(Category c);  // "CRIME-VIOLENT", "FIRE", ...
std::optional<Category> ParseCategory(std::string_view code);
std::string_view CategoryLabelVi(Category c);
std::string_view CategoryLabelEn(Category c);

// ---- priorities ----
enum class Priority { kP1 = 1, kP2 = 2, kP3 = 3, kP4 = 4 };
std::string_view PriorityCode(Priority p);  // "P1".."P4"
std::optional<Priority> ParsePriority(std::string_view code);

// ---- places ----
struct GeoPoint {
    double lat = 0;  // WGS-84 degrees
    double lon = 0;
};
bool ValidPoint(const GeoPoint& p);
double DistanceMeters(const GeoPoint& a, const GeoPoint& b);  // great-circle (haversine)

// ---- units ----
enum class UnitKind { kPatrolCar, kMotorbike, kFireEngine, kLadder, kRescue };
std::string_view UnitKindCode(UnitKind k);  // "patrol_car", "motorbike", "fire_engine", "ladder", "rescue"
std::optional<UnitKind> ParseUnitKind(std::string_view code);

enum class UnitStatus { kAvailable, kDispatched, kEnRoute, kOnScene, kClearing, kOutOfService };
std::string_view UnitStatusCode(UnitStatus s);  // "available", "dispatched", "en_route", ...
std::optional<UnitStatus> ParseUnitStatus(std::string_view code);

}  // namespace precinct::dispatch
