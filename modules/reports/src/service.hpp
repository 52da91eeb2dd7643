#pragma once
// The rules of citizen reports: filing (routing, deadline, duplicates, photos), lookup by tracking code and second
// factor, the officers' workflow (status, replies, notes, assignment, duplicates), deadline flags, statistics and
// the notification outbox. Every change is one transaction with its audit entry; events follow the commit.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "catalogue.hpp"
#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "deadlines.hpp"
#include "geo.hpp"
#include "image_sanitizer.hpp"
#include "notifier.hpp"
#include "routing.hpp"
#include "storage/database.hpp"
#include "workflow.hpp"

namespace precinct::reports {

using auth::Actor;

inline constexpr std::string_view kTopic = "reports";
inline constexpr std::string_view kDeadlinesTopic = "reports.deadlines";

struct NewReport {
    std::string category;
    std::string description;
    std::optional<GeoPoint> point;
    std::string address;
    std::optional<TimePoint> occurred_at;
    bool anonymous = false;
    std::string name, phone, email;
    std::string secret;  // the second factor when no phone is given
    bool share_photo_location = false;
    std::string language = "vi";
    std::string channel = "web";  // web, open311
    std::vector<SanitizedImage> photos;
    std::string media_url;  // Open311
};

struct FiledReport {
    std::int64_t id = 0;
    std::string code;  // normalized (no hyphens)
    ReportStatus status = ReportStatus::kReceived;
    TimePoint received_at, due_at;
    const Category* category = nullptr;
    bool lookup_by_phone = false;
    std::string unit_id;
};

struct ReportEvent {
    std::int64_t id = 0;
    TimePoint at;
    std::string kind;  // filed, status, reply, note, assign, duplicate
    std::string actor;
    std::string from_status, to_status;
    std::string text;
    bool is_public = false;
};

struct Suggestion {
    std::int64_t id = 0;
    double distance_m = 0;
    double age_h = 0;
    std::string reason_vi, reason_en;
};

struct Report {
    std::int64_t id = 0;
    std::string code;
    std::string category;
    std::string description;
    std::optional<GeoPoint> point;
    std::string address;
    std::optional<TimePoint> occurred_at;
    ReportStatus status = ReportStatus::kReceived;
    std::string status_reason;
    bool anonymous = false;
    std::string name, phone, email;
    std::string unit_id, unit_reason_vi, unit_reason_en, assigned_to;
    std::string channel, language;
    TimePoint received_at, due_at, updated_at;
    std::optional<TimePoint> resolved_at, closed_at;
    std::optional<std::int64_t> duplicate_of;
    std::vector<Suggestion> suggestions;
    std::vector<std::int64_t> photo_ids;
    std::vector<ReportEvent> history;  // filled by Get only
    std::string media_url;
};

struct ReportFilter {
    std::optional<ReportStatus> status;
    std::string category, unit_id;
    std::optional<DueState> due;
    bool open_only = false;
    std::optional<TimePoint> from, to;
    std::string channel;
    std::vector<std::string> codes;
    int limit = 100, offset = 0;
};

struct ReportStats {
    TimePoint from, to;
    int total = 0;
    std::vector<std::pair<std::string, int>> by_category, by_unit, by_status;
    std::optional<double> median_resolve_h;
    double share_overdue = 0;
};

struct ServiceSettings {
    double duplicate_radius_m = 50;
    std::chrono::hours duplicate_window{72};
    double due_soon_hours = kDefaultDueSoonHours;
    double due_soon_fraction = 0.25;   // and at most this share of the period
    int max_notification_attempts = 8;
};

class ReportsService {
public:
    ReportsService(storage::Database& db, Bus& bus, const Clock& clock, auth::AuditLog& audit, Catalogue catalogue,
                   HolidayCalendar holidays, StationList stations, std::optional<WardMap> wards,
                   ServiceSettings settings);

    static Status Migrate(storage::Database& db);

    const Catalogue& catalogue() const { return catalogue_; }
    const StationList& stations() const { return stations_; }
    const Clock& clock() const { return clock_; }

    Result<FiledReport> File(const NewReport& report, const Actor& actor);
    // The citizen's view, or kNotFound for any mismatch (unknown code, bad check character, wrong secret).
    Result<Report> Lookup(std::string_view code, std::string_view secret);

    Result<std::vector<Report>> List(const ReportFilter& filter, int* total);
    Result<Report> Get(std::int64_t id);
    Result<Report> GetByCode(std::string_view normalized_code);
    Result<std::string> Photo(std::int64_t report_id, std::int64_t photo_id);

    Result<Report> ChangeStatus(std::int64_t id, ReportStatus to, const TransitionDetails& details, const Actor& actor);
    Result<ReportEvent> Reply(std::int64_t id, const std::string& text, const Actor& actor);
    Result<ReportEvent> Note(std::int64_t id, const std::string& text, const Actor& actor);
    Result<Report> Assign(std::int64_t id, std::optional<std::string> unit_id, std::optional<std::string> officer,
                          const Actor& actor);
    Result<Report> MarkDuplicate(std::int64_t id, std::int64_t of, const Actor& actor);

    Result<ReportStats> Stats(TimePoint from, TimePoint to);
    // Publishes due-soon and overdue flags once per report and state. Returns how many were flagged.
    Result<int> FlagDeadlines();
    // Sends what the outbox holds (retrying with back-off). Returns how many were sent.
    Result<int> SendNotifications(Notifier& notifier);

    DueState DueStateOf(const Report& r) const;
    // How long before its deadline a report counts as due soon: due_soon_hours, at most due_soon_fraction of the period.
    double DueSoonHours(TimePoint received, TimePoint due) const;

private:
    Result<Report> Load(storage::Connection& c, std::int64_t id, bool history);
    Status AddEvent(storage::Connection& c, std::int64_t id, const std::string& kind, const std::string& actor,
                    const std::string& from, const std::string& to, const std::string& text, bool is_public);
    Status Audit(storage::Connection& c, std::vector<auth::AuditRecord>& out, const Actor& actor,
                 const std::string& action, std::int64_t id, const Json& detail);
    Status Enqueue(storage::Connection& c, std::int64_t id, ReportStatus status, const std::string& vi,
                   const std::string& en);
    void Announce(const std::vector<auth::AuditRecord>& records);
    void Publish(std::string_view type, const Report& r);

    storage::Database& db_;
    Bus& bus_;
    const Clock& clock_;
    auth::AuditLog& audit_;
    Catalogue catalogue_;
    HolidayCalendar holidays_;
    StationList stations_;
    std::optional<WardMap> wards_;
    ServiceSettings settings_;
};

// The second factor as stored: the last 4 digits of a phone number, else the chosen secret (digits only).
std::string LookupSecret(const std::string& phone, const std::string& secret);

}  // namespace precinct::reports
