#pragma once
// The 113/114 call intake and dispatch centre: calls, incidents, units, recommendations, live board, statistics.
#include <chrono>
#include <memory>
#include <string>

#include "core/json.hpp"
#include "core/result.hpp"
#include "server/module.hpp"

namespace precinct::dispatch {

struct Settings {
    bool enabled = true;
    // An unacknowledged P1 incident is escalated to supervisors after this long.
    std::chrono::seconds escalate_after{90};
    // Duplicate detection: open incidents of a related kind within this distance and age are offered.
    double duplicate_radius_m = 500;
    std::chrono::seconds duplicate_window{1800};
    // Travel estimate: network distance over straight-line distance.
    double road_factor = 1.35;
    // Map background for the console; empty: no tiles, the map still shows incidents and units.
    std::string tile_url;
    std::string tile_attribution;
    // `serve --demo`: seed units around Hà Nội and keep synthetic calls coming at this rate (calls a minute;
    // 0 turns the simulation off while keeping the seeded units).
    double demo_calls_per_minute = 2;
};

// Reads [modules.dispatch]; unknown keys and bad values are refused, naming the key.
Result<Settings> ParseSettings(const Json& section);
Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx);

}  // namespace precinct::dispatch
