#pragma once
// The rules of plate recognition on the platform: the store of reads (with crops and a retention period),
// search with wildcards and look-alike tolerance, the plate watchlist (audited, expiring), alerts on matches and
// the incident each raises through dispatch. No HTTP here; the module's routes translate.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "precinct/dispatch/intake.hpp"
#include "precinct/vision/camera.hpp"
#include "storage/database.hpp"

namespace precinct::vision {

inline constexpr std::string_view kAlertTopic = "plates.alert";
inline constexpr std::string_view kCameraTopic = "cameras.health";

struct ServiceSettings {
    std::chrono::hours retention{24 * 30};         // reads (and their crops) are deleted after this
    std::chrono::hours alert_retention{24 * 365};  // a read that raised an alert is kept this long
    std::size_t recommend_units = 3;               // nearest units asked of dispatch for an alert's incident
    std::string dispatch_line = "113";
};

struct CameraInfo {
    std::string id{};
    std::string name{};
    std::optional<double> latitude{};
    std::optional<double> longitude{};
};

// A read as it arrives from a camera worker (or an officer's upload).
struct IncomingRead {
    std::string camera_id{};
    TimePoint seen_at{};
    PlateText plate{};
    std::string raw{};
    double confidence = 0;
    int frames = 1;
    std::string colour{};
    Box box{};
    std::vector<std::uint8_t> crop_jpeg{};
};

struct StoredRead {
    std::int64_t id = 0;
    std::string camera_id{};
    TimePoint seen_at{};
    std::string plate{};    // normalized
    std::string display{};
    std::string raw{};
    int rows = 1;
    std::string vehicle_kind{};
    std::string colour{};
    double confidence = 0;
    int frames = 1;
    Box box{};
    bool has_crop = false;
    std::string match{};    // for searches: "exact" or "look-alike"
};

struct ReadQuery {
    std::string pattern{};  // validated plate pattern (ValidatePlatePattern); empty: any plate
    std::string camera_id{};
    std::optional<TimePoint> from{};
    std::optional<TimePoint> to{};
    bool look_alike = true;
    int limit = 100;
};

struct NewWatchEntry {
    std::string plate{};    // exactly one of plate and pattern
    std::string pattern{};
    std::string reason{};
    std::string legal_basis{};
    std::string owner{};    // the officer or unit responsible for the entry
    std::string category = "CRIME-PROPERTY";  // dispatch category of the incident a match raises
    TimePoint expires_at{};
};

struct WatchEntry {
    std::int64_t id = 0;
    std::string kind{};     // "plate" or "pattern"
    std::string value{};    // normalized plate, or the normalized pattern
    std::string reason{};
    std::string legal_basis{};
    std::string owner{};
    std::string category{};
    std::string created_by{};
    TimePoint created_at{};
    TimePoint expires_at{};
    std::optional<TimePoint> revoked_at{};
    std::string revoked_by{};
    bool active = false;  // not expired, not revoked (at the time it was loaded)
};

struct Alert {
    std::int64_t id = 0;
    std::int64_t read_id = 0;
    std::int64_t watch_id = 0;
    TimePoint created_at{};
    std::string camera_id{};
    std::string camera_name{};
    std::string plate{};
    std::string display{};
    std::string match{};  // "exact", "look-alike" or "pattern"
    std::string reason{};
    std::string legal_basis{};
    std::string owner{};
    std::optional<std::int64_t> incident_id{};
    std::optional<std::int64_t> call_id{};
    std::vector<dispatch::NearUnit> nearest{};
    std::string dispatch_error{};  // why no incident was raised, when none was
};

class PlateService {
public:
    PlateService(storage::Database& db, Bus& bus, const Clock& clock, auth::AuditLog& audit, ServiceSettings settings)
        : db_(db), bus_(bus), clock_(clock), audit_(audit), settings_(settings) {}
    static Status Migrate(storage::Database& db);
    void Connect(dispatch::ChannelIntake* dispatch) { dispatch_ = dispatch; }
    void SetCameras(std::vector<CameraInfo> cameras);

    // Stores a read, matches it against the active watchlist, and raises an alert (event, incident) per match.
    Result<StoredRead> Ingest(const IncomingRead& read);
    Result<std::vector<StoredRead>> Search(const ReadQuery& query);
    Result<std::vector<std::uint8_t>> Crop(std::int64_t read_id);
    // Deletes reads past their retention; returns how many.
    Result<std::int64_t> Purge();

    Result<WatchEntry> AddWatch(const NewWatchEntry& entry, const auth::Actor& actor);
    Result<WatchEntry> RevokeWatch(std::int64_t id, const std::string& why, const auth::Actor& actor);
    Result<std::vector<WatchEntry>> Watchlist(bool include_inactive);
    Result<std::vector<Alert>> Alerts(int limit);

private:
    Result<std::vector<WatchEntry>> ActiveWatch();
    Alert RaiseAlert(const StoredRead& read, const WatchEntry& entry, const std::string& match,
                     const std::vector<std::uint8_t>& crop);
    std::optional<CameraInfo> Camera(const std::string& id) const;

    storage::Database& db_;
    Bus& bus_;
    const Clock& clock_;
    auth::AuditLog& audit_;
    ServiceSettings settings_;
    dispatch::ChannelIntake* dispatch_ = nullptr;
    mutable std::mutex mutex_;
    std::vector<CameraInfo> cameras_{};
};

}  // namespace precinct::vision
