#pragma once
// JSON of plate finds, shared by the CLI and the routes.
#include "core/json.hpp"
#include "precinct/vision/camera.hpp"
#include "precinct/vision/plate_reader.hpp"
#include "service.hpp"

namespace precinct::vision {

Json BoxJson(const Box& box);
Json PlateTextJson(const PlateText& plate);  // text, display, rows, vehicle_kind, locality, province, ...
Json FindingJson(const PlateFinding& finding);
Json VehicleJson(const VehicleRead& vehicle);
Json HealthJson(const CameraHealth& health);
Json CameraJson(const CameraConfig& camera, const CameraHealth& health, const std::string& source);
Json StoredReadJson(const StoredRead& read);
Json WatchEntryJson(const WatchEntry& entry);
Json AlertJson(const Alert& alert);
Json NearUnitsJson(const std::vector<dispatch::NearUnit>& units);

}  // namespace precinct::vision
