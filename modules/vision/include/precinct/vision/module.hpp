#pragma once
// Camera AI on the platform, part 1: licence plates. Cameras (from the config or added in the console) are read
// on worker threads; each vehicle's plate is stored with its crop for a retention period and searchable;
// watchlisted plates raise alerts (live topic plates.alert) and an incident in dispatch for the nearest units.
#include <memory>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "precinct/vision/camera.hpp"
#include "server/module.hpp"

namespace precinct::vision {

struct Settings {
    bool enabled = true;
    std::string models_dir;             // empty: the prepared models of scripts/setup
    std::vector<CameraConfig> cameras;  // [[modules.vision.cameras]]: id, name, url, sample_fps, latitude, ...
    int retention_days = 30;            // reads and crops
    int alert_retention_days = 365;     // reads that raised an alert
    std::size_t recommend_units = 3;
    std::size_t max_cameras = 64;       // per server process
    // Cameras added in the console may name a local video file (besides rtsp:// and http(s):// streams). Unset:
    // only with `serve --demo`.
    std::optional<bool> allow_file_sources;
    // With `serve --demo`: a made street video played as camera "demo-1", and one watchlisted plate in it.
    bool demo_camera = true;
    std::vector<Role> search_roles{Role::kInvestigator, Role::kSupervisor, Role::kDispatcher};
    std::vector<Role> watch_roles{Role::kInvestigator, Role::kSupervisor};
    std::vector<Role> camera_roles{Role::kAdmin, Role::kSupervisor};
    std::size_t max_image_bytes = 8u * 1024 * 1024;  // POST /api/v1/plates/recognitions (base64 inside JSON)
};

// `section` is [modules.vision]; unknown keys, bad camera entries and unknown role names are refused.
Result<Settings> ParseSettings(const Json& section);
Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx);

// A camera entry (from the config or a request body): id [a-z0-9_-]{1,40}, name, url (rtsp/rtsps/http/https, or
// a file path when `allow_files`), sample_fps 0.1..30, latitude/longitude both or neither.
Result<CameraConfig> ParseCamera(const Json& entry, const std::string& path, bool allow_files);

}  // namespace precinct::vision
