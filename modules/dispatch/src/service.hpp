#pragma once
// The dispatch centre's rules: call intake with duplicate detection, incident lifecycle, units and their state
// machine, assignments, recommendations, P1 escalation, GPS fixes, statistics. Every change is one database
// transaction that also appends its audit entry; events are published after the commit.
//
// Units and open incidents are mirrored in memory (under one mutex) for recommendations, duplicate detection
// and positions; the database stays the system of record and the mirror is rebuilt from it at start-up.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "aml.hpp"
#include "auth/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "domain.hpp"
#include "duplicates.hpp"
#include "geo.hpp"
#include "priority.hpp"
#include "recommend.hpp"
#include "storage/database.hpp"
#include "units.hpp"

namespace precinct::dispatch {

using auth::Actor;

inline constexpr std::string_view kTopic = "dispatch";
inline constexpr std::string_view kPositionsTopic = "dispatch.positions";
inline constexpr std::string_view kEscalationsTopic = "dispatch.escalations";

struct ServiceSettings {
    std::chrono::seconds escalate_after{90};
    DuplicateParams duplicates;
};

// Where a call came from. Times are milliseconds since the Unix epoch throughout the module's storage.
struct Location {
    std::optional<GeoPoint> point;
    double accuracy_m = 0;
    std::string source;  // "caller", "aml", "address"
    std::string address;
    std::string area;  // area code (former urban district), "" when unknown
    std::optional<AmlMessage> aml;
    std::string aml_raw;  // the message as received, kept for the record
};

struct NewCall {
    std::string line;    // the number dialled, as given
    std::string caller;  // E.164
    std::optional<TimePoint> received_at;
    std::string description;
    Category category = Category::kInfo;
    std::string type;
    std::optional<Location> location;
    std::string client_ref;
    std::string channel = "voice";  // voice, sms, chat
};

enum class CallState { kIncidentCreated, kPendingLink, kLinked, kTransferred };
std::string_view CallStateCode(CallState s);
std::optional<CallState> ParseCallState(std::string_view s);

struct Call {
    std::int64_t id = 0;
    std::string line;
    std::string caller;
    TimePoint received_at;
    std::string description;
    Category category = Category::kInfo;
    std::string type;
    CallState state = CallState::kIncidentCreated;
    std::optional<std::int64_t> incident_id;
    std::string transferred_to;
    std::optional<Location> location;
    std::string created_by;
    TimePoint created_at;
    std::vector<DuplicateCandidate> suggestions;  // for pending_link calls
    std::string channel = "voice";
};

enum class IncidentStatus { kNew, kDispatched, kEnRoute, kOnScene, kCleared, kClosed };
std::string_view IncidentStatusCode(IncidentStatus s);
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view s);

struct IncidentEvent {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    TimePoint at;
    std::string kind;
    std::string actor;
    std::string text;
    std::optional<std::int64_t> unit_id;
};

struct Assignment {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    std::int64_t unit_id = 0;
    TimePoint assigned_at;
    std::string assigned_by;
    double eta_s = 0;
    std::optional<TimePoint> en_route_at, on_scene_at, cleared_at, cancelled_at;
    bool Active() const { return !cleared_at && !cancelled_at; }
};

struct Incident {
    std::int64_t id = 0;
    std::string line;
    Category category = Category::kInfo;
    std::string type;
    PriorityDecision priority;
    IncidentStatus status = IncidentStatus::kNew;
    std::string description;
    std::optional<Location> location;
    TimePoint received_at, created_at;
    std::optional<TimePoint> acknowledged_at, dispatched_at, on_scene_at, cleared_at, closed_at, escalated_at;
    std::string acknowledged_by;
    std::string closure_code;
    int call_count = 0;
    std::vector<std::int64_t> units;  // units assigned and not cleared or cancelled
    // Filled by GetIncident only.
    std::vector<IncidentEvent> events;
    std::vector<Assignment> assignments;
    std::vector<std::int64_t> call_ids;
};

struct Unit {
    std::int64_t id = 0;
    std::string call_sign;
    UnitKind kind = UnitKind::kPatrolCar;
    std::string station;
    Capabilities capabilities;
    UnitStatus status = UnitStatus::kAvailable;
    std::optional<GeoPoint> position;
    double accuracy_m = 0;
    std::optional<TimePoint> fixed_at;
    std::optional<std::int64_t> incident_id;
    TimePoint updated_at;
};

struct NewUnit {
    std::string call_sign;
    UnitKind kind = UnitKind::kPatrolCar;
    std::string station;
    std::optional<Capabilities> capabilities;
    std::optional<GeoPoint> position;
};

struct PositionFix {
    std::int64_t unit_id = 0;
    GeoPoint point;
    double accuracy_m = 0;
    TimePoint fixed_at;
    std::optional<double> speed_kmh;
    std::optional<double> heading_deg;
};

enum class FixOutcome { kAccepted, kDuplicate, kOlder };

struct IntakeResult {
    Call call;
    std::optional<Incident> incident;
    std::vector<std::pair<DuplicateCandidate, Incident>> duplicates;
};

struct LinkResult {
    Call call;
    Incident incident;
};

struct AssignResult {
    Assignment assignment;
    Unit unit;
    Incident incident;
};

struct RankedUnit {
    Unit unit;
    Recommendation rec;
};

struct RecommendationSet {
    std::int64_t incident_id = 0;
    Capabilities required;
    std::vector<RankedUnit> ranked;
};

struct Quantiles {
    std::optional<double> median, p90;
};

struct StatsGroup {
    std::string key, label_vi, label_en;
    int incidents = 0, dispatched = 0, arrived = 0;
    Quantiles to_dispatch, to_arrive;
};

struct Stats {
    TimePoint from, to;
    std::string group_by;
    std::vector<StatsGroup> groups;
    StatsGroup total;
};

struct IncidentFilter {
    std::string status = "open";  // open, closed, all
    int limit = 200;
};

class DispatchService {
public:
    DispatchService(storage::Database& db, Bus& bus, const Clock& clock, auth::AuditLog& audit,
                    ServiceSettings settings, std::unique_ptr<TravelRouter> router);

    static Status Migrate(storage::Database& db);
    // Rebuilds the in-memory mirror of units and open incidents from the database.
    Status Load();

    Result<IntakeResult> Intake(const NewCall& call, const Actor& actor);
    Result<LinkResult> Link(std::int64_t call_id, bool confirm, std::optional<std::int64_t> incident_id,
                            const Actor& actor);
    Result<Call> GetCall(std::int64_t id);
    Result<std::vector<Call>> ListCalls(std::optional<CallState> state, int limit);

    Result<Incident> GetIncident(std::int64_t id, bool detail);
    Result<std::vector<Incident>> ListIncidents(const IncidentFilter& filter);
    Result<IncidentEvent> AddNote(std::int64_t incident_id, const std::string& text, const Actor& actor);
    Result<Incident> Acknowledge(std::int64_t incident_id, const Actor& actor);
    Result<Incident> Close(std::int64_t incident_id, const std::string& closure_code, const std::string& note,
                           const Actor& actor);

    Result<RecommendationSet> Recommendations(std::int64_t incident_id, std::size_t limit);
    Result<AssignResult> Assign(std::int64_t incident_id, std::int64_t unit_id, const Actor& actor);

    Result<Unit> CreateUnit(const NewUnit& unit, const Actor& actor);
    Result<Unit> SetUnitStatus(std::int64_t unit_id, UnitStatus to, const Actor& actor);
    Result<Unit> GetUnit(std::int64_t unit_id);
    std::vector<Unit> ListUnits(std::optional<UnitStatus> status);
    std::size_t UnitCount();
    std::size_t OpenIncidentCount();

    // Applies a fix in memory at once and queues it for the next batch write. Unknown unit: kNotFound.
    Result<FixOutcome> AcceptFix(const PositionFix& fix);
    // Writes queued fixes in one transaction. Called by the module's background thread, and at shutdown.
    Status FlushFixes();
    // Publishes the units that moved since the last call, as one event.
    void PublishMoved();
    // Escalates unacknowledged P1 incidents past the deadline. Returns how many were escalated.
    Result<int> EscalateOverdue();

    Result<Stats> ComputeStats(TimePoint from, TimePoint to, const std::string& group_by);

    const Clock& clock() const { return clock_; }

private:
    struct OpenState {
        std::int64_t id = 0;
        Category category = Category::kInfo;
        Priority priority = Priority::kP4;
        std::optional<GeoPoint> point;
        double accuracy_m = 0;
        TimePoint created_at;
        std::string address_folded;
        bool acknowledged = false;
        bool escalated = false;
    };

    Result<Incident> LoadIncident(storage::Connection& c, std::int64_t id, bool detail);
    Result<Unit> LoadUnit(storage::Connection& c, std::int64_t id);
    Result<Call> LoadCall(storage::Connection& c, std::int64_t id);
    Result<std::int64_t> InsertIncident(storage::Connection& c, const NewCall& call, const Location* loc,
                                        TimePoint received, const PriorityDecision& p, const Actor& actor);
    Status AddEvent(storage::Connection& c, std::int64_t incident_id, const std::string& kind, const std::string& actor,
                    const std::string& text, std::optional<std::int64_t> unit_id);
    // Appends an audit entry inside the transaction and keeps it in `out`, to Announce() after the commit.
    Status Audit(storage::Connection& c, std::vector<auth::AuditRecord>& out, const Actor& actor,
                 const std::string& action, const std::string& target, const Json& detail);
    void Announce(const std::vector<auth::AuditRecord>& records);
    void Remember(const Incident& incident);
    void Forget(std::int64_t incident_id);
    void MirrorUnit(const Unit& unit);
    void MirrorUnitLocked(const Unit& unit);
    void PublishIncident(std::string_view type, const Incident& incident);
    void PublishUnit(const Unit& unit);
    void PublishCall(std::string_view type, const Call& call);

    storage::Database& db_;
    Bus& bus_;
    const Clock& clock_;
    auth::AuditLog& audit_;
    ServiceSettings settings_;
    std::unique_ptr<TravelRouter> router_;

    std::mutex mutex_;  // guards everything below
    std::unordered_map<std::int64_t, Unit> units_;
    UnitIndex index_;
    std::unordered_map<std::int64_t, UnitSnapshot> snapshots_;
    std::map<std::int64_t, OpenState> open_;
    std::vector<PositionFix> pending_fixes_;
    std::set<std::int64_t> moved_;
};

// Closure codes an incident may be closed with.
const std::array<std::string_view, 7>& ClosureCodes();

// Percentiles by nearest rank over `values` (sorted in place); empty: no value.
Quantiles ComputeQuantiles(std::vector<double>& values);

}  // namespace precinct::dispatch
