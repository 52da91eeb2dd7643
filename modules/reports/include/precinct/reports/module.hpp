#pragma once
// Citizen reports and petitions: intake without an account, tracking codes, routing, legal deadlines, the
// officers' workflow, notifications, Open311 GeoReport v2.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "server/module.hpp"

namespace precinct::reports {

struct Settings {
    bool enabled = true;
    // Data files; empty means the copy in the source tree's data/reports/ directory.
    std::string catalogue_file, holidays_file, stations_file;
    std::string wards_file;  // optional GeoJSON of ward boundaries
    int pow_bits = 16;       // proof-of-work difficulty for citizen submissions (0 turns it off)
    std::vector<std::string> open311_api_keys;
    std::string agency = "Công an thành phố Hà Nội (demo)";
    double submissions_per_minute = 6;  // per client address, with a burst of 10
    double lookups_per_minute = 20;     // per client address, with a burst of 20
    int lookup_failures_per_code = 10;  // wrong secrets per code and hour
    int max_photos = 3;
    std::size_t max_photo_bytes = 10 * 1024 * 1024;
    double due_soon_hours = 24;
    double due_soon_fraction = 0.25;        // … and at most this share of the report's whole period
    std::string notifier = "log";  // log, webhook
    std::string webhook_url;
};

Result<Settings> ParseSettings(const Json& section);
Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx);

}  // namespace precinct::reports
