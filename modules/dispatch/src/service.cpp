#include "service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "areas.hpp"
#include "code_table.hpp"
#include "json_codec.hpp"
#include "schema.hpp"
#include "text/fold.hpp"

namespace precinct::dispatch {
namespace {

using storage::Connection;
using storage::Params;
using storage::Row;
using storage::Value;

std::optional<TimePoint> OptTime(const Row& r, std::size_t i) {
    if (r.IsNull(i)) return std::nullopt;
    return FromUnixMillis(r.Int(i));
}

constexpr std::array<std::pair<CallState, std::string_view>, 4> kCallStates = {{
    {CallState::kIncidentCreated, "incident_created"},
    {CallState::kPendingLink, "pending_link"},
    {CallState::kLinked, "linked"},
    {CallState::kTransferred, "transferred"},
}};
constexpr std::array<std::pair<IncidentStatus, std::string_view>, 6> kIncidentStatuses = {{
    {IncidentStatus::kNew, "new"},
    {IncidentStatus::kDispatched, "dispatched"},
    {IncidentStatus::kEnRoute, "en_route"},
    {IncidentStatus::kOnScene, "on_scene"},
    {IncidentStatus::kCleared, "cleared"},
    {IncidentStatus::kClosed, "closed"},
}};
constexpr std::array<std::string_view, 7> kClosureCodes = {
    "resolved", "false_alarm", "duplicate", "no_action_needed", "referred", "caller_cancelled", "unable_to_locate",
};

// Incident columns in the order LoadIncident reads them.
constexpr std::string_view kIncidentColumns =
    "id, line, category, type, priority, priority_rule, priority_reason_vi, priority_reason_en, status, "
    "description, lat, lon, accuracy_m, location_source, address, area, received_ms, created_ms, "
    "acknowledged_ms, acknowledged_by, dispatched_ms, on_scene_ms, cleared_ms, closed_ms, closure_code, "
    "escalated_ms";

constexpr std::string_view kUnitColumns =
    "id, call_sign, kind, station, capabilities, status, lat, lon, accuracy_m, fixed_ms, incident_id, updated_ms";

constexpr std::string_view kCallColumns =
    "id, line, caller, received_ms, description, category, type, state, incident_id, transferred_to, lat, lon, "
    "accuracy_m, location_source, address, area, aml_raw, suggestions, created_by, created_ms, channel";

std::optional<Location> ReadLocation(const Row& r, std::size_t lat, std::size_t source) {
    // Columns: lat, lon, accuracy_m at `lat`..; location_source, address, area at `source`..
    if (r.IsNull(source)) return std::nullopt;
    Location loc;
    if (!r.IsNull(lat) && !r.IsNull(lat + 1)) loc.point = GeoPoint{r.Real(lat), r.Real(lat + 1)};
    loc.accuracy_m = r.IsNull(lat + 2) ? 0 : r.Real(lat + 2);
    loc.source = r.Text(source);
    loc.address = r.IsNull(source + 1) ? "" : r.Text(source + 1);
    loc.area = r.Text(source + 2);
    return loc;
}

Unit ReadUnit(const Row& r) {
    Unit u;
    u.id = r.Int(0);
    u.call_sign = r.Text(1);
    u.kind = ParseUnitKind(r.Text(2)).value_or(UnitKind::kPatrolCar);
    u.station = r.Text(3);
    u.capabilities = Capabilities::FromBits(static_cast<std::uint32_t>(r.Int(4)));
    u.status = ParseUnitStatus(r.Text(5)).value_or(UnitStatus::kOutOfService);
    if (!r.IsNull(6) && !r.IsNull(7)) u.position = GeoPoint{r.Real(6), r.Real(7)};
    u.accuracy_m = r.IsNull(8) ? 0 : r.Real(8);
    u.fixed_at = OptTime(r, 9);
    if (!r.IsNull(10)) u.incident_id = r.Int(10);
    u.updated_at = FromUnixMillis(r.Int(11));
    return u;
}

Assignment ReadAssignment(const Row& r) {
    Assignment a;
    a.id = r.Int(0);
    a.incident_id = r.Int(1);
    a.unit_id = r.Int(2);
    a.assigned_at = FromUnixMillis(r.Int(3));
    a.assigned_by = r.Text(4);
    a.eta_s = r.Real(5);
    a.en_route_at = OptTime(r, 6);
    a.on_scene_at = OptTime(r, 7);
    a.cleared_at = OptTime(r, 8);
    a.cancelled_at = OptTime(r, 9);
    return a;
}

constexpr std::string_view kAssignmentColumns =
    "id, incident_id, unit_id, assigned_ms, assigned_by, eta_s, en_route_ms, on_scene_ms, cleared_ms, cancelled_ms";

Json SuggestionsJson(const std::vector<DuplicateCandidate>& list) {
    Json out = Json::array();
    for (const auto& d : list) {
        out.push_back({{"incident_id", d.incident_id},
                       {"score", d.score},
                       {"distance_m", d.distance_m},
                       {"age_s", d.age_s},
                       {"reason_vi", d.reason_vi},
                       {"reason_en", d.reason_en}});
    }
    return out;
}

std::vector<DuplicateCandidate> ParseSuggestions(const std::string& text) {
    std::vector<DuplicateCandidate> out;
    auto j = Json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& e : j) {
        DuplicateCandidate d;
        d.incident_id = e.value("incident_id", std::int64_t{0});
        d.score = e.value("score", 0.0);
        d.distance_m = e.value("distance_m", 0.0);
        d.age_s = e.value("age_s", 0.0);
        d.reason_vi = e.value("reason_vi", "");
        d.reason_en = e.value("reason_en", "");
        out.push_back(std::move(d));
    }
    return out;
}

Error NotFound(std::string_view what, std::int64_t id) {
    return Error{ErrorCode::kNotFound, fmt::format("{} {} does not exist", what, id), "", 0};
}

UnitSnapshot SnapshotOf(const Unit& u) {
    UnitSnapshot s;
    s.id = u.id;
    s.call_sign = u.call_sign;
    s.kind = u.kind;
    s.status = u.status;
    s.caps = u.capabilities;
    s.position = u.position;
    s.station = u.station;
    return s;
}

}  // namespace

std::string_view CallStateCode(CallState s) { return CodeOf(kCallStates, s); }
std::optional<CallState> ParseCallState(std::string_view s) { return ValueOf<CallState>(kCallStates, s); }
std::string_view IncidentStatusCode(IncidentStatus s) { return CodeOf(kIncidentStatuses, s); }
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view s) {
    return ValueOf<IncidentStatus>(kIncidentStatuses, s);
}
const std::array<std::string_view, 7>& ClosureCodes() { return kClosureCodes; }

Quantiles ComputeQuantiles(std::vector<double>& values) {
    Quantiles q;
    if (values.empty()) return q;
    std::sort(values.begin(), values.end());
    auto rank = [&](double p) {
        const auto n = values.size();
        auto idx = static_cast<std::size_t>(std::ceil(p * static_cast<double>(n)));
        idx = std::clamp<std::size_t>(idx, 1, n);
        return values[idx - 1];
    };
    q.median = rank(0.5);
    q.p90 = rank(0.9);
    return q;
}

DispatchService::DispatchService(storage::Database& db, Bus& bus, const Clock& clock, auth::AuditLog& audit,
                                 ServiceSettings settings, std::unique_ptr<TravelRouter> router)
    : db_(db), bus_(bus), clock_(clock), audit_(audit), settings_(std::move(settings)), router_(std::move(router)) {}

Status DispatchService::Migrate(storage::Database& db) { return storage::Migrate(db, "dispatch", Migrations()); }

Status DispatchService::Load() {
    auto units = db_.Query(fmt::format("SELECT {} FROM dispatch_units", kUnitColumns));
    if (!units) return Fail(units.error());
    auto open = db_.Query(
        "SELECT id, category, priority, lat, lon, accuracy_m, created_ms, address, acknowledged_ms, escalated_ms "
        "FROM dispatch_incidents WHERE status <> 'closed'");
    if (!open) return Fail(open.error());
    std::lock_guard lock(mutex_);
    units_.clear();
    index_ = UnitIndex();
    snapshots_.clear();
    for (const auto& r : *units) MirrorUnitLocked(ReadUnit(r));
    open_.clear();
    for (const auto& r : *open) {
        OpenState o;
        o.id = r.Int(0);
        o.category = ParseCategory(r.Text(1)).value_or(Category::kInfo);
        o.priority = ParsePriority(r.Text(2)).value_or(Priority::kP4);
        if (!r.IsNull(3) && !r.IsNull(4)) o.point = GeoPoint{r.Real(3), r.Real(4)};
        o.accuracy_m = r.IsNull(5) ? 0 : r.Real(5);
        o.created_at = FromUnixMillis(r.Int(6));
        o.address_folded = r.IsNull(7) ? "" : text::FoldVietnamese(r.Text(7));
        o.acknowledged = !r.IsNull(8);
        o.escalated = !r.IsNull(9);
        open_[o.id] = std::move(o);
    }
    return Ok();
}

// ---------------------------------------------------------------- helpers inside transactions

Status DispatchService::Audit(Connection& c, std::vector<auth::AuditRecord>& out, const Actor& actor,
                              const std::string& action, const std::string& target, const Json& detail) {
    auth::AuditEntry e;
    e.actor = actor.username;
    e.role = actor.role;
    e.action = action;
    e.target = target;
    e.source_ip = actor.source_ip;
    e.request_id = actor.request_id;
    e.detail = detail.dump();
    auto record = audit_.AppendIn(c, e);
    if (!record) return Fail(record.error());
    out.push_back(std::move(*record));
    return Ok();
}

void DispatchService::Announce(const std::vector<auth::AuditRecord>& records) {
    for (const auto& r : records) audit_.Announce(r);
}

Status DispatchService::AddEvent(Connection& c, std::int64_t incident_id, const std::string& kind,
                                 const std::string& actor, const std::string& text,
                                 std::optional<std::int64_t> unit_id) {
    auto r = c.Execute(
        "INSERT INTO dispatch_incident_events (incident_id, at_ms, kind, actor, text, unit_id) VALUES (?,?,?,?,?,?)",
        {incident_id, ToUnixMillis(clock_.Now()), kind, actor, text, unit_id});
    if (!r) return Fail(r.error());
    return Ok();
}

Result<Incident> DispatchService::LoadIncident(Connection& c, std::int64_t id, bool detail) {
    auto rows = c.Query(fmt::format("SELECT {} FROM dispatch_incidents WHERE id = ?", kIncidentColumns), {id});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(NotFound("incident", id));
    const Row& r = rows->front();
    Incident i;
    i.id = r.Int(0);
    i.line = r.Text(1);
    i.category = ParseCategory(r.Text(2)).value_or(Category::kInfo);
    i.type = r.Text(3);
    i.priority.priority = ParsePriority(r.Text(4)).value_or(Priority::kP4);
    i.priority.rule = r.Text(5);
    i.priority.reason_vi = r.Text(6);
    i.priority.reason_en = r.Text(7);
    i.status = ParseIncidentStatus(r.Text(8)).value_or(IncidentStatus::kNew);
    i.description = r.Text(9);
    i.location = ReadLocation(r, 10, 13);
    i.received_at = FromUnixMillis(r.Int(16));
    i.created_at = FromUnixMillis(r.Int(17));
    i.acknowledged_at = OptTime(r, 18);
    i.acknowledged_by = r.IsNull(19) ? "" : r.Text(19);
    i.dispatched_at = OptTime(r, 20);
    i.on_scene_at = OptTime(r, 21);
    i.cleared_at = OptTime(r, 22);
    i.closed_at = OptTime(r, 23);
    i.closure_code = r.IsNull(24) ? "" : r.Text(24);
    i.escalated_at = OptTime(r, 25);

    auto calls = c.Query("SELECT id FROM dispatch_calls WHERE incident_id = ? ORDER BY id", {id});
    if (!calls) return Fail(calls.error());
    i.call_count = static_cast<int>(calls->size());
    auto assignments = c.Query(
        fmt::format("SELECT {} FROM dispatch_assignments WHERE incident_id = ? ORDER BY id", kAssignmentColumns), {id});
    if (!assignments) return Fail(assignments.error());
    for (const auto& row : *assignments) {
        auto a = ReadAssignment(row);
        if (a.Active()) i.units.push_back(a.unit_id);
        if (detail) i.assignments.push_back(std::move(a));
    }
    if (detail) {
        for (const auto& row : *calls) i.call_ids.push_back(row.Int(0));
        auto events = c.Query(
            "SELECT id, incident_id, at_ms, kind, actor, text, unit_id FROM dispatch_incident_events "
            "WHERE incident_id = ? ORDER BY id",
            {id});
        if (!events) return Fail(events.error());
        for (const auto& row : *events) {
            IncidentEvent e;
            e.id = row.Int(0);
            e.incident_id = row.Int(1);
            e.at = FromUnixMillis(row.Int(2));
            e.kind = row.Text(3);
            e.actor = row.Text(4);
            e.text = row.Text(5);
            if (!row.IsNull(6)) e.unit_id = row.Int(6);
            i.events.push_back(std::move(e));
        }
    }
    return i;
}

Result<Unit> DispatchService::LoadUnit(Connection& c, std::int64_t id) {
    auto rows = c.Query(fmt::format("SELECT {} FROM dispatch_units WHERE id = ?", kUnitColumns), {id});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(NotFound("unit", id));
    return ReadUnit(rows->front());
}

Result<Call> DispatchService::LoadCall(Connection& c, std::int64_t id) {
    auto rows = c.Query(fmt::format("SELECT {} FROM dispatch_calls WHERE id = ?", kCallColumns), {id});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(NotFound("call", id));
    const Row& r = rows->front();
    Call call;
    call.id = r.Int(0);
    call.line = r.Text(1);
    call.caller = r.Text(2);
    call.received_at = FromUnixMillis(r.Int(3));
    call.description = r.Text(4);
    call.category = ParseCategory(r.Text(5)).value_or(Category::kInfo);
    call.type = r.Text(6);
    call.state = ParseCallState(r.Text(7)).value_or(CallState::kIncidentCreated);
    if (!r.IsNull(8)) call.incident_id = r.Int(8);
    call.transferred_to = r.IsNull(9) ? "" : r.Text(9);
    call.location = ReadLocation(r, 10, 13);
    if (call.location && !r.IsNull(16)) {
        call.location->aml_raw = r.Text(16);
        if (auto aml = ParseAml(call.location->aml_raw)) call.location->aml = *aml;
    }
    call.suggestions = ParseSuggestions(r.Text(17));
    call.created_by = r.Text(18);
    call.created_at = FromUnixMillis(r.Int(19));
    call.channel = r.Text(20);
    return call;
}

Result<std::int64_t> DispatchService::InsertIncident(Connection& c, const NewCall& call, const Location* loc,
                                                     TimePoint received, const PriorityDecision& p,
                                                     const Actor& actor) {
    const auto now = ToUnixMillis(clock_.Now());
    Params params{call.line,       CategoryCode(call.category),
                  call.type,       PriorityCode(p.priority),
                  p.rule,          p.reason_vi,
                  p.reason_en,     IncidentStatusCode(IncidentStatus::kNew),
                  call.description};
    if (loc && loc->point) {
        params.insert(params.end(), {loc->point->lat, loc->point->lon, loc->accuracy_m});
    } else {
        params.insert(params.end(), {Value(), Value(), Value()});
    }
    params.push_back(loc ? Value(loc->source) : Value());
    params.push_back(loc && !loc->address.empty() ? Value(loc->address) : Value());
    params.push_back(loc ? loc->area : std::string());
    params.insert(params.end(), {ToUnixMillis(received), now, actor.username});
    auto rows = c.Query(
        "INSERT INTO dispatch_incidents (line, category, type, priority, priority_rule, priority_reason_vi, "
        "priority_reason_en, status, description, lat, lon, accuracy_m, location_source, address, area, "
        "received_ms, created_ms, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        params);
    if (!rows) return Fail(rows.error());
    const auto id = rows->front().Int(0);
    auto e1 =
        c.Execute("INSERT INTO dispatch_incident_events (incident_id, at_ms, kind, actor, text) VALUES (?,?,?,?,?)",
                  {id, ToUnixMillis(received), "received", actor.username, fmt::format("{} {}", call.line, call.type)});
    if (!e1) return Fail(e1.error());
    if (auto s = AddEvent(c, id, "created", actor.username,
                          fmt::format("{} {} ({})", PriorityCode(p.priority), CategoryCode(call.category), p.rule),
                          std::nullopt);
        !s) {
        return Fail(s.error());
    }
    return id;
}

// ---------------------------------------------------------------- mirror and events

void DispatchService::Remember(const Incident& i) {
    OpenState o;
    o.id = i.id;
    o.category = i.category;
    o.priority = i.priority.priority;
    if (i.location) {
        o.point = i.location->point;
        o.accuracy_m = i.location->accuracy_m;
        o.address_folded = text::FoldVietnamese(i.location->address);
    }
    o.created_at = i.created_at;
    o.acknowledged = i.acknowledged_at.has_value();
    o.escalated = i.escalated_at.has_value();
    std::lock_guard lock(mutex_);
    if (i.status == IncidentStatus::kClosed) {
        open_.erase(i.id);
    } else {
        open_[i.id] = std::move(o);
    }
}

void DispatchService::MirrorUnitLocked(const Unit& unit) {
    units_[unit.id] = unit;
    snapshots_[unit.id] = SnapshotOf(unit);
    if (unit.position && ValidPoint(*unit.position)) {
        (void)index_.Upsert(unit.id, *unit.position);  // valid points are always accepted
    } else {
        index_.Remove(unit.id);
    }
}

void DispatchService::MirrorUnit(const Unit& unit) {
    std::lock_guard lock(mutex_);
    // A fix newer than the database row may be waiting in memory; keep the newer position.
    auto it = units_.find(unit.id);
    if (it != units_.end() && it->second.fixed_at && (!unit.fixed_at || *it->second.fixed_at > *unit.fixed_at)) {
        Unit merged = unit;
        merged.position = it->second.position;
        merged.accuracy_m = it->second.accuracy_m;
        merged.fixed_at = it->second.fixed_at;
        MirrorUnitLocked(merged);
        return;
    }
    MirrorUnitLocked(unit);
}

// ---------------------------------------------------------------- calls

Result<IntakeResult> DispatchService::Intake(const NewCall& call, const Actor& actor) {
    const auto now = clock_.Now();
    const TimePoint received = call.received_at.value_or(now);
    const auto line = ParseLine(call.line);
    const bool here = line && HandledHere(*line);

    // The same client_ref returns the call recorded the first time.
    if (!call.client_ref.empty()) {
        auto existing = db_.Query("SELECT id FROM dispatch_calls WHERE client_ref = ?", {call.client_ref});
        if (!existing) return Fail(existing.error());
        if (!existing->empty()) {
            const auto id = existing->front().Int(0);
            auto again = db_.Read([&](Connection& c) -> Result<IntakeResult> {
                IntakeResult out;
                auto loaded = LoadCall(c, id);
                if (!loaded) return Fail(loaded.error());
                out.call = std::move(*loaded);
                if (out.call.incident_id) {
                    auto inc = LoadIncident(c, *out.call.incident_id, false);
                    if (!inc) return Fail(inc.error());
                    out.incident = std::move(*inc);
                }
                for (const auto& d : out.call.suggestions) {
                    auto inc = LoadIncident(c, d.incident_id, false);
                    if (inc) out.duplicates.emplace_back(d, std::move(*inc));
                }
                return out;
            });
            return again;
        }
    }

    PriorityDecision priority = AssessPriority(call.category, call.description);
    std::vector<DuplicateCandidate> candidates;
    if (here) {
        NewCallFacts facts;
        facts.category = call.category;
        facts.received_at = received;
        if (call.location) {
            facts.point = call.location->point;
            facts.accuracy_m = call.location->accuracy_m;
            facts.address_folded = text::FoldVietnamese(call.location->address);
        }
        std::vector<OpenIncident> open;
        {
            std::lock_guard lock(mutex_);
            open.reserve(open_.size());
            // Only incidents that could score: a related kind, within the window, roughly near (a degree of
            // latitude is 111 km; the bound is generous and FindDuplicates measures properly).
            const double reach_deg = (2 * settings_.duplicates.radius_m + 1000) / 111'000.0 * 2;
            for (const auto& [id, o] : open_) {
                const auto age = received > o.created_at ? received - o.created_at : o.created_at - received;
                if (age > settings_.duplicates.window) continue;
                if (CategoryAffinity(call.category, o.category) <= 0) continue;
                if (facts.point && o.point &&
                    (std::abs(facts.point->lat - o.point->lat) > reach_deg ||
                     std::abs(facts.point->lon - o.point->lon) > reach_deg)) {
                    continue;
                }
                open.push_back(OpenIncident{o.id, o.category, o.point, o.accuracy_m, o.created_at, o.address_folded});
            }
        }
        candidates = FindDuplicates(facts, open, settings_.duplicates);
    }

    CallState state =
        !here ? CallState::kTransferred : (candidates.empty() ? CallState::kIncidentCreated : CallState::kPendingLink);
    const Location* loc = call.location ? &*call.location : nullptr;

    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<IntakeResult> {
        std::optional<std::int64_t> incident_id;
        if (state == CallState::kIncidentCreated) {
            auto id = InsertIncident(c, call, loc, received, priority, actor);
            if (!id) return Fail(id.error());
            incident_id = *id;
        }
        Params params{
            call.line,
            call.caller,
            ToUnixMillis(received),
            call.description,
            CategoryCode(call.category),
            call.type,
            CallStateCode(state),
            incident_id,
            state == CallState::kTransferred ? Value(line ? std::string(LineCode(*line)) : call.line) : Value()};
        if (loc && loc->point) {
            params.insert(params.end(), {loc->point->lat, loc->point->lon, loc->accuracy_m});
        } else {
            params.insert(params.end(), {Value(), Value(), Value()});
        }
        params.push_back(loc ? Value(loc->source) : Value());
        params.push_back(loc && !loc->address.empty() ? Value(loc->address) : Value());
        params.push_back(loc ? loc->area : std::string());
        params.push_back(loc && !loc->aml_raw.empty() ? Value(loc->aml_raw) : Value());
        params.push_back(SuggestionsJson(candidates).dump());
        params.push_back(call.client_ref.empty() ? Value() : Value(call.client_ref));
        params.insert(params.end(), {actor.username, ToUnixMillis(now), call.channel});
        auto rows = c.Query(
            "INSERT INTO dispatch_calls (line, caller, received_ms, description, category, type, state, incident_id, "
            "transferred_to, lat, lon, accuracy_m, location_source, address, area, aml_raw, suggestions, client_ref, "
            "created_by, created_ms, channel) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            params);
        if (!rows) return Fail(rows.error());
        const auto call_id = rows->front().Int(0);
        Json detail{{"line", call.line},
                    {"category", CategoryCode(call.category)},
                    {"state", CallStateCode(state)},
                    {"channel", call.channel}};
        if (incident_id) {
            detail["incident_id"] = *incident_id;
            detail["priority"] = PriorityCode(priority.priority);
            detail["priority_rule"] = priority.rule;
        }
        if (!candidates.empty()) detail["suggested_incident_id"] = candidates.front().incident_id;
        if (auto s = Audit(c, audits, actor, "dispatch.call.create", fmt::format("call:{}", call_id), detail); !s)
            return Fail(s.error());
        IntakeResult out;
        auto loaded = LoadCall(c, call_id);
        if (!loaded) return Fail(loaded.error());
        out.call = std::move(*loaded);
        if (incident_id) {
            auto inc = LoadIncident(c, *incident_id, false);
            if (!inc) return Fail(inc.error());
            out.incident = std::move(*inc);
        }
        for (const auto& d : candidates) {
            auto inc = LoadIncident(c, d.incident_id, false);
            if (!inc) return Fail(inc.error());
            out.duplicates.emplace_back(d, std::move(*inc));
        }
        return out;
    });
    if (!result) {
        // Two submissions with the same client_ref at once: the loser answers with the winner's call.
        if (!call.client_ref.empty() && result.error().code == ErrorCode::kConflict) return Intake(call, actor);
        return result;
    }
    Announce(audits);
    if (result->incident) {
        Remember(*result->incident);
        PublishIncident("incident.created", *result->incident);
    }
    PublishCall("call.created", result->call);
    return result;
}

Result<LinkResult> DispatchService::Link(std::int64_t call_id, bool confirm, std::optional<std::int64_t> incident_id,
                                         const Actor& actor) {
    std::vector<auth::AuditRecord> audits;
    bool created = false;
    auto result = db_.Transact([&](Connection& c) -> Result<LinkResult> {
        auto call = LoadCall(c, call_id);
        if (!call) return Fail(call.error());
        if (call->state != CallState::kPendingLink) {
            return Fail(ErrorCode::kConflict,
                        fmt::format("call {} is {}, not pending_link", call_id, CallStateCode(call->state)), "state");
        }
        std::int64_t target = 0;
        if (confirm) {
            if (!incident_id)
                return Fail(ErrorCode::kInvalidArgument, "incident_id: is required to confirm", "incident_id");
            const bool suggested = std::any_of(call->suggestions.begin(), call->suggestions.end(),
                                               [&](const auto& d) { return d.incident_id == *incident_id; });
            if (!suggested) {
                return Fail(
                    ErrorCode::kInvalidArgument,
                    fmt::format("incident_id: incident {} was not suggested for call {}", *incident_id, call_id),
                    "incident_id");
            }
            auto inc = LoadIncident(c, *incident_id, false);
            if (!inc) return Fail(inc.error());
            if (inc->status == IncidentStatus::kClosed) {
                return Fail(ErrorCode::kConflict, fmt::format("incident {} is closed", *incident_id), "incident_id");
            }
            target = *incident_id;
            if (auto s = AddEvent(c, target, "call_linked", actor.username,
                                  fmt::format("call {}: {}", call_id, call->description.substr(0, 200)), std::nullopt);
                !s) {
                return Fail(s.error());
            }
        } else {
            NewCall facts;
            facts.line = call->line;
            facts.description = call->description;
            facts.category = call->category;
            facts.type = call->type;
            const Location* loc = call->location ? &*call->location : nullptr;
            auto id = InsertIncident(c, facts, loc, call->received_at,
                                     AssessPriority(call->category, call->description), actor);
            if (!id) return Fail(id.error());
            target = *id;
            created = true;
        }
        auto u =
            c.Execute("UPDATE dispatch_calls SET state = ?, incident_id = ? WHERE id = ?",
                      {CallStateCode(confirm ? CallState::kLinked : CallState::kIncidentCreated), target, call_id});
        if (!u) return Fail(u.error());
        if (auto s = Audit(c, audits, actor, confirm ? "dispatch.call.link" : "dispatch.call.unlink",
                           fmt::format("call:{}", call_id),
                           Json{{"incident_id", target}, {"decision", confirm ? "confirm" : "reject"}});
            !s)
            return Fail(s.error());
        LinkResult out;
        auto loaded = LoadCall(c, call_id);
        if (!loaded) return Fail(loaded.error());
        out.call = std::move(*loaded);
        auto inc = LoadIncident(c, target, false);
        if (!inc) return Fail(inc.error());
        out.incident = std::move(*inc);
        return out;
    });
    if (!result) return result;
    Announce(audits);
    Remember(result->incident);
    PublishIncident(created ? "incident.created" : "incident.updated", result->incident);
    PublishCall("call.linked", result->call);
    return result;
}

Result<Call> DispatchService::GetCall(std::int64_t id) {
    return db_.Read([&](Connection& c) { return LoadCall(c, id); });
}

Result<std::vector<Call>> DispatchService::ListCalls(std::optional<CallState> state, int limit) {
    return db_.Read([&](Connection& c) -> Result<std::vector<Call>> {
        auto rows = state ? c.Query("SELECT id FROM dispatch_calls WHERE state = ? ORDER BY id DESC LIMIT ?",
                                    {CallStateCode(*state), limit})
                          : c.Query("SELECT id FROM dispatch_calls ORDER BY id DESC LIMIT ?", {limit});
        if (!rows) return Fail(rows.error());
        std::vector<Call> out;
        for (const auto& r : *rows) {
            auto call = LoadCall(c, r.Int(0));
            if (!call) return Fail(call.error());
            out.push_back(std::move(*call));
        }
        return out;
    });
}

// ---------------------------------------------------------------- incidents

Result<Incident> DispatchService::GetIncident(std::int64_t id, bool detail) {
    return db_.Read([&](Connection& c) { return LoadIncident(c, id, detail); });
}

Result<std::vector<Incident>> DispatchService::ListIncidents(const IncidentFilter& filter) {
    return db_.Read([&](Connection& c) -> Result<std::vector<Incident>> {
        std::string where;
        if (filter.status == "open") where = "WHERE status <> 'closed'";
        if (filter.status == "closed") where = "WHERE status = 'closed'";
        const std::string order = filter.status == "open" ? "priority ASC, received_ms ASC" : "id DESC";
        auto rows = c.Query(fmt::format("SELECT id FROM dispatch_incidents {} ORDER BY {} LIMIT ?", where, order),
                            {filter.limit});
        if (!rows) return Fail(rows.error());
        std::vector<Incident> out;
        out.reserve(rows->size());
        for (const auto& r : *rows) {
            auto inc = LoadIncident(c, r.Int(0), false);
            if (!inc) return Fail(inc.error());
            out.push_back(std::move(*inc));
        }
        return out;
    });
}

Result<IncidentEvent> DispatchService::AddNote(std::int64_t incident_id, const std::string& text, const Actor& actor) {
    std::vector<auth::AuditRecord> audits;
    std::optional<Incident> updated;
    auto result = db_.Transact([&](Connection& c) -> Result<IncidentEvent> {
        auto inc = LoadIncident(c, incident_id, false);
        if (!inc) return Fail(inc.error());
        if (auto s = AddEvent(c, incident_id, "note", actor.username, text, std::nullopt); !s) return Fail(s.error());
        auto rows = c.Query(
            "SELECT id, incident_id, at_ms, kind, actor, text FROM dispatch_incident_events WHERE incident_id = ? "
            "ORDER BY id DESC LIMIT 1",
            {incident_id});
        if (!rows) return Fail(rows.error());
        IncidentEvent e;
        const Row& r = rows->front();
        e.id = r.Int(0);
        e.incident_id = r.Int(1);
        e.at = FromUnixMillis(r.Int(2));
        e.kind = r.Text(3);
        e.actor = r.Text(4);
        e.text = r.Text(5);
        if (auto s = Audit(c, audits, actor, "dispatch.incident.note", fmt::format("incident:{}", incident_id),
                           Json{{"event_id", e.id}});
            !s)
            return Fail(s.error());
        updated = std::move(*inc);
        return e;
    });
    if (!result) return result;
    Announce(audits);
    if (updated) PublishIncident("incident.updated", *updated);
    return result;
}

Result<Incident> DispatchService::Acknowledge(std::int64_t incident_id, const Actor& actor) {
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<Incident> {
        auto inc = LoadIncident(c, incident_id, false);
        if (!inc) return Fail(inc.error());
        if (inc->acknowledged_at) return inc;  // acknowledging twice changes nothing
        if (inc->status == IncidentStatus::kClosed) {
            return Fail(ErrorCode::kConflict, fmt::format("incident {} is closed", incident_id), "status");
        }
        auto u = c.Execute("UPDATE dispatch_incidents SET acknowledged_ms = ?, acknowledged_by = ? WHERE id = ?",
                           {ToUnixMillis(clock_.Now()), actor.username, incident_id});
        if (!u) return Fail(u.error());
        if (auto s = AddEvent(c, incident_id, "acknowledged", actor.username, "", std::nullopt); !s) {
            return Fail(s.error());
        }
        if (auto s = Audit(c, audits, actor, "dispatch.incident.ack", fmt::format("incident:{}", incident_id),
                           Json::object());
            !s)
            return Fail(s.error());
        return LoadIncident(c, incident_id, false);
    });
    if (!result) return result;
    Announce(audits);
    if (!audits.empty()) {
        Remember(*result);
        PublishIncident("incident.updated", *result);
    }
    return result;
}

Result<Incident> DispatchService::Close(std::int64_t incident_id, const std::string& closure_code,
                                        const std::string& note, const Actor& actor) {
    if (std::find(kClosureCodes.begin(), kClosureCodes.end(), closure_code) == kClosureCodes.end()) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("closure_code: must be one of {}", fmt::join(kClosureCodes, ", ")), "closure_code");
    }
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<Incident> {
        auto inc = LoadIncident(c, incident_id, false);
        if (!inc) return Fail(inc.error());
        if (inc->status == IncidentStatus::kClosed) {
            return Fail(ErrorCode::kConflict, fmt::format("incident {} is already closed", incident_id), "status");
        }
        if (!inc->units.empty()) {
            return Fail(ErrorCode::kConflict,
                        fmt::format("incident {} still has {} unit(s) assigned and not cleared", incident_id,
                                    inc->units.size()),
                        "status");
        }
        const auto now = ToUnixMillis(clock_.Now());
        auto u = c.Execute(
            "UPDATE dispatch_incidents SET status = 'closed', closed_ms = ?, closure_code = ?, "
            "cleared_ms = COALESCE(cleared_ms, ?) WHERE id = ?",
            {now, closure_code, now, incident_id});
        if (!u) return Fail(u.error());
        if (auto s = AddEvent(c, incident_id, "closed", actor.username,
                              note.empty() ? closure_code : fmt::format("{}: {}", closure_code, note), std::nullopt);
            !s) {
            return Fail(s.error());
        }
        // Calls still waiting for a link decision to this incident now create their own incident on reject only.
        if (auto s = Audit(c, audits, actor, "dispatch.incident.close", fmt::format("incident:{}", incident_id),
                           Json{{"closure_code", closure_code}});
            !s)
            return Fail(s.error());
        return LoadIncident(c, incident_id, false);
    });
    if (!result) return result;
    Announce(audits);
    Remember(*result);
    PublishIncident("incident.updated", *result);
    return result;
}

// ---------------------------------------------------------------- recommendation and assignment

Result<RecommendationSet> DispatchService::Recommendations(std::int64_t incident_id, std::size_t limit) {
    RecommendationSet out;
    out.incident_id = incident_id;
    GeoPoint point;
    Category category = Category::kInfo;
    {
        std::lock_guard lock(mutex_);
        auto it = open_.find(incident_id);
        if (it != open_.end()) {
            if (!it->second.point) {
                return Fail(
                    ErrorCode::kConflict,
                    fmt::format("incident {} has no coordinates; units cannot be ranked by travel time", incident_id),
                    "location");
            }
            point = *it->second.point;
            category = it->second.category;
        } else {
            // Not open (closed) or unknown: ask the database which.
            auto inc = GetIncident(incident_id, false);
            if (!inc) return Fail(inc.error());
            return Fail(ErrorCode::kConflict, fmt::format("incident {} is closed", incident_id), "status");
        }
    }
    out.required = RequiredCapabilities(category);
    std::lock_guard lock(mutex_);
    auto lookup = [this](std::int64_t id) -> const UnitSnapshot* {
        auto it = snapshots_.find(id);
        return it == snapshots_.end() ? nullptr : &it->second;
    };
    auto recs = Recommend(point, out.required, clock_.Now(), index_, lookup, *router_, limit);
    for (auto& r : recs) {
        auto it = units_.find(r.unit_id);
        if (it == units_.end()) continue;
        out.ranked.push_back(RankedUnit{it->second, std::move(r)});
    }
    return out;
}

Result<AssignResult> DispatchService::Assign(std::int64_t incident_id, std::int64_t unit_id, const Actor& actor) {
    // The estimate is taken before the transaction, from the mirror; the transaction re-checks the facts.
    double eta_s = 0;
    {
        std::lock_guard lock(mutex_);
        auto u = units_.find(unit_id);
        auto o = open_.find(incident_id);
        if (u != units_.end() && o != open_.end() && u->second.position && o->second.point) {
            eta_s = router_->Estimate(*u->second.position, *o->second.point, u->second.kind, clock_.Now()).seconds;
        }
    }
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<AssignResult> {
        auto inc = LoadIncident(c, incident_id, false);
        if (!inc) return Fail(inc.error());
        if (inc->status == IncidentStatus::kClosed) {
            return Fail(ErrorCode::kConflict, fmt::format("incident {} is closed", incident_id), "incident_id");
        }
        auto unit = LoadUnit(c, unit_id);
        if (!unit) {
            if (unit.error().code == ErrorCode::kNotFound) unit.error().field = "unit_id";
            return Fail(unit.error());
        }
        if (!IsAssignable(unit->status)) {
            return Fail(ErrorCode::kConflict,
                        fmt::format("unit {} ({}) is {}, not available", unit->call_sign, unit_id,
                                    UnitStatusCode(unit->status)),
                        "unit_id");
        }
        const auto now = ToUnixMillis(clock_.Now());
        auto rows = c.Query(
            "INSERT INTO dispatch_assignments (incident_id, unit_id, assigned_ms, assigned_by, eta_s) "
            "VALUES (?,?,?,?,?) RETURNING id",
            {incident_id, unit_id, now, actor.username, eta_s});
        if (!rows) return Fail(rows.error());
        const auto assignment_id = rows->front().Int(0);
        auto u =
            c.Execute("UPDATE dispatch_units SET status = 'dispatched', incident_id = ?, updated_ms = ? WHERE id = ?",
                      {incident_id, now, unit_id});
        if (!u) return Fail(u.error());
        // Dispatching a unit acknowledges the incident.
        auto i = c.Execute(
            "UPDATE dispatch_incidents SET status = CASE WHEN status IN ('new', 'cleared') THEN 'dispatched' ELSE "
            "status "
            "END, dispatched_ms = COALESCE(dispatched_ms, ?), acknowledged_ms = COALESCE(acknowledged_ms, ?), "
            "acknowledged_by = COALESCE(acknowledged_by, ?), cleared_ms = NULL WHERE id = ?",
            {now, now, actor.username, incident_id});
        if (!i) return Fail(i.error());
        if (auto s = AddEvent(c, incident_id, "dispatched", actor.username,
                              fmt::format("{} (ETA {:.0f} s)", unit->call_sign, eta_s), unit_id);
            !s) {
            return Fail(s.error());
        }
        if (auto s = Audit(c, audits, actor, "dispatch.assign", fmt::format("incident:{}", incident_id),
                           Json{{"unit_id", unit_id}, {"assignment_id", assignment_id}, {"eta_s", eta_s}});
            !s)
            return Fail(s.error());
        AssignResult out;
        auto arows = c.Query(fmt::format("SELECT {} FROM dispatch_assignments WHERE id = ?", kAssignmentColumns),
                             {assignment_id});
        if (!arows) return Fail(arows.error());
        out.assignment = ReadAssignment(arows->front());
        auto lu = LoadUnit(c, unit_id);
        if (!lu) return Fail(lu.error());
        out.unit = std::move(*lu);
        auto li = LoadIncident(c, incident_id, false);
        if (!li) return Fail(li.error());
        out.incident = std::move(*li);
        return out;
    });
    if (!result) return result;
    Announce(audits);
    MirrorUnit(result->unit);
    Remember(result->incident);
    {
        std::lock_guard lock(mutex_);
        result->unit = units_[unit_id];
    }
    bus_.Publish(std::string(kTopic), Json{{"type", "assignment.created"},
                                           {"assignment", AssignmentJson(result->assignment)},
                                           {"unit", UnitJson(result->unit)},
                                           {"incident", IncidentJson(result->incident)}});
    PublishUnit(result->unit);
    PublishIncident("incident.updated", result->incident);
    return result;
}

// ---------------------------------------------------------------- units

Result<Unit> DispatchService::CreateUnit(const NewUnit& nu, const Actor& actor) {
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<Unit> {
        auto exists = c.Query("SELECT id FROM dispatch_units WHERE call_sign = ?", {nu.call_sign});
        if (!exists) return Fail(exists.error());
        if (!exists->empty()) {
            return Fail(ErrorCode::kConflict, fmt::format("call_sign: unit {} already exists", nu.call_sign),
                        "call_sign");
        }
        const auto now = ToUnixMillis(clock_.Now());
        const auto caps = nu.capabilities.value_or(DefaultCapabilities(nu.kind));
        Params params{nu.call_sign, UnitKindCode(nu.kind), nu.station, static_cast<std::int64_t>(caps.bits()),
                      UnitStatusCode(UnitStatus::kAvailable)};
        if (nu.position) {
            params.insert(params.end(), {nu.position->lat, nu.position->lon, 0.0, now});
        } else {
            params.insert(params.end(), {Value(), Value(), Value(), Value()});
        }
        params.push_back(now);
        auto rows = c.Query(
            "INSERT INTO dispatch_units (call_sign, kind, station, capabilities, status, lat, lon, accuracy_m, "
            "fixed_ms, updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
            params);
        if (!rows) return Fail(rows.error());
        const auto id = rows->front().Int(0);
        if (auto s = Audit(c, audits, actor, "dispatch.unit.create", fmt::format("unit:{}", id),
                           Json{{"call_sign", nu.call_sign}, {"kind", UnitKindCode(nu.kind)}});
            !s)
            return Fail(s.error());
        return LoadUnit(c, id);
    });
    if (!result) return result;
    Announce(audits);
    MirrorUnit(*result);
    PublishUnit(*result);
    return result;
}

Result<Unit> DispatchService::SetUnitStatus(std::int64_t unit_id, UnitStatus to, const Actor& actor) {
    if (to == UnitStatus::kDispatched) {
        return Fail(ErrorCode::kConflict,
                    "status: a unit becomes dispatched only by an assignment (POST /api/v1/incidents/{id}/assignments)",
                    "status");
    }
    std::vector<auth::AuditRecord> audits;
    std::optional<Incident> touched;
    auto result = db_.Transact([&](Connection& c) -> Result<Unit> {
        auto unit = LoadUnit(c, unit_id);
        if (!unit) return Fail(unit.error());
        if (auto s = CheckTransition(unit->status, to); !s) return Fail(s.error());
        const auto now = ToUnixMillis(clock_.Now());
        std::optional<Assignment> active;
        auto arows = c.Query(fmt::format("SELECT {} FROM dispatch_assignments WHERE unit_id = ? AND cleared_ms IS NULL "
                                         "AND cancelled_ms IS NULL ORDER BY id DESC LIMIT 1",
                                         kAssignmentColumns),
                             {unit_id});
        if (!arows) return Fail(arows.error());
        if (!arows->empty()) active = ReadAssignment(arows->front());

        if (active) {
            const auto inc_id = active->incident_id;
            std::string column;
            std::string event;
            std::string incident_update;
            switch (to) {
                case UnitStatus::kEnRoute:
                    column = "en_route_ms";
                    event = "en_route";
                    incident_update =
                        "UPDATE dispatch_incidents SET status = CASE WHEN status = 'dispatched' THEN 'en_route' ELSE "
                        "status END WHERE id = ?";
                    break;
                case UnitStatus::kOnScene:
                    column = "on_scene_ms";
                    event = "on_scene";
                    incident_update =
                        "UPDATE dispatch_incidents SET status = CASE WHEN status IN ('dispatched', 'en_route') THEN "
                        "'on_scene' ELSE status END, on_scene_ms = COALESCE(on_scene_ms, ?) WHERE id = ?";
                    break;
                case UnitStatus::kClearing:
                    column = "cleared_ms";
                    event = "cleared";
                    break;
                case UnitStatus::kAvailable:  // from dispatched or en_route: the assignment is cancelled
                    column = "cancelled_ms";
                    event = "note";
                    break;
                default: break;
            }
            if (!column.empty()) {
                auto u = c.Execute(fmt::format("UPDATE dispatch_assignments SET {} = ? WHERE id = ?", column),
                                   {now, active->id});
                if (!u) return Fail(u.error());
                const std::string text =
                    to == UnitStatus::kAvailable
                        ? fmt::format("{}: điều động bị hủy / assignment cancelled", unit->call_sign)
                        : unit->call_sign;
                if (auto s = AddEvent(c, inc_id, event, actor.username, text, unit_id); !s) return Fail(s.error());
            }
            if (to == UnitStatus::kOnScene) {
                auto u = c.Execute(incident_update, {now, inc_id});
                if (!u) return Fail(u.error());
            } else if (!incident_update.empty()) {
                auto u = c.Execute(incident_update, {inc_id});
                if (!u) return Fail(u.error());
            }
            if (to == UnitStatus::kClearing || to == UnitStatus::kAvailable) {
                // When no unit remains committed, the incident is cleared (or back to new if none ever arrived).
                auto left = c.Query(
                    "SELECT COUNT(*) FROM dispatch_assignments WHERE incident_id = ? AND cleared_ms IS NULL AND "
                    "cancelled_ms IS NULL",
                    {inc_id});
                if (!left) return Fail(left.error());
                if (left->front().Int(0) == 0) {
                    auto u = c.Execute(
                        "UPDATE dispatch_incidents SET status = CASE WHEN status = 'closed' THEN status WHEN "
                        "on_scene_ms IS NULL THEN 'new' ELSE 'cleared' END, cleared_ms = CASE WHEN on_scene_ms IS NULL "
                        "THEN cleared_ms ELSE ? END WHERE id = ?",
                        {now, inc_id});
                    if (!u) return Fail(u.error());
                }
            }
            auto li = LoadIncident(c, inc_id, false);
            if (!li) return Fail(li.error());
            touched = std::move(*li);
        }
        const bool released = to == UnitStatus::kAvailable || to == UnitStatus::kOutOfService;
        auto u =
            c.Execute(released ? "UPDATE dispatch_units SET status = ?, incident_id = NULL, updated_ms = ? WHERE id = ?"
                               : "UPDATE dispatch_units SET status = ?, updated_ms = ? WHERE id = ?",
                      {UnitStatusCode(to), now, unit_id});
        if (!u) return Fail(u.error());
        if (auto s = Audit(c, audits, actor, "dispatch.unit.status", fmt::format("unit:{}", unit_id),
                           Json{{"from", UnitStatusCode(unit->status)}, {"to", UnitStatusCode(to)}});
            !s)
            return Fail(s.error());
        return LoadUnit(c, unit_id);
    });
    if (!result) return result;
    Announce(audits);
    MirrorUnit(*result);
    {
        std::lock_guard lock(mutex_);
        *result = units_[unit_id];
    }
    PublishUnit(*result);
    if (touched) {
        Remember(*touched);
        PublishIncident("incident.updated", *touched);
    }
    return result;
}

Result<Unit> DispatchService::GetUnit(std::int64_t unit_id) {
    std::lock_guard lock(mutex_);
    auto it = units_.find(unit_id);
    if (it == units_.end()) return Fail(NotFound("unit", unit_id));
    return it->second;
}

std::vector<Unit> DispatchService::ListUnits(std::optional<UnitStatus> status) {
    std::vector<Unit> out;
    std::lock_guard lock(mutex_);
    out.reserve(units_.size());
    for (const auto& [id, u] : units_) {
        if (!status || u.status == *status) out.push_back(u);
    }
    std::sort(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.id < b.id; });
    return out;
}

std::size_t DispatchService::OpenIncidentCount() {
    std::lock_guard lock(mutex_);
    return open_.size();
}

std::size_t DispatchService::UnitCount() {
    std::lock_guard lock(mutex_);
    return units_.size();
}

// ---------------------------------------------------------------- positions

Result<FixOutcome> DispatchService::AcceptFix(const PositionFix& fix) {
    if (!ValidPoint(fix.point)) return Fail(ErrorCode::kInvalidArgument, "position: not a valid coordinate", "lat");
    std::lock_guard lock(mutex_);
    auto it = units_.find(fix.unit_id);
    if (it == units_.end()) {
        Error e = NotFound("unit", fix.unit_id);
        e.field = "unit_id";
        return Fail(std::move(e));
    }
    Unit& u = it->second;
    if (u.fixed_at) {
        if (fix.fixed_at == *u.fixed_at) return FixOutcome::kDuplicate;
        if (fix.fixed_at < *u.fixed_at) return FixOutcome::kOlder;
    }
    u.position = fix.point;
    u.accuracy_m = fix.accuracy_m;
    u.fixed_at = fix.fixed_at;
    auto& snap = snapshots_[u.id];
    snap.position = fix.point;
    (void)index_.Upsert(u.id, fix.point);  // checked valid above
    pending_fixes_.push_back(fix);
    moved_.insert(u.id);
    return FixOutcome::kAccepted;
}

Status DispatchService::FlushFixes() {
    std::vector<PositionFix> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(pending_fixes_);
    }
    if (batch.empty()) return Ok();
    auto s = db_.Transact([&](Connection& c) -> Status {
        for (const auto& f : batch) {
            auto r = c.Execute(
                "INSERT OR IGNORE INTO dispatch_unit_positions (unit_id, fixed_ms, lat, lon, accuracy_m, speed_kmh, "
                "heading_deg) VALUES (?,?,?,?,?,?,?)",
                {f.unit_id, ToUnixMillis(f.fixed_at), f.point.lat, f.point.lon, f.accuracy_m, f.speed_kmh,
                 f.heading_deg});
            if (!r) return Fail(r.error());
            auto u = c.Execute(
                "UPDATE dispatch_units SET lat = ?, lon = ?, accuracy_m = ?, fixed_ms = ? WHERE id = ? AND "
                "(fixed_ms IS NULL OR fixed_ms < ?)",
                {f.point.lat, f.point.lon, f.accuracy_m, ToUnixMillis(f.fixed_at), f.unit_id,
                 ToUnixMillis(f.fixed_at)});
            if (!u) return Fail(u.error());
        }
        return Ok();
    });
    if (!s) {
        // Keep the batch for the next attempt rather than lose it.
        std::lock_guard lock(mutex_);
        pending_fixes_.insert(pending_fixes_.begin(), batch.begin(), batch.end());
        if (pending_fixes_.size() > 1'000'000)
            pending_fixes_.erase(pending_fixes_.begin(), pending_fixes_.end() - 1'000'000);
    }
    return s;
}

void DispatchService::PublishMoved() {
    Json units = Json::array();
    {
        std::lock_guard lock(mutex_);
        if (moved_.empty()) return;
        for (auto id : moved_) {
            auto it = units_.find(id);
            if (it == units_.end() || !it->second.position) continue;
            units.push_back({{"id", id},
                             {"lat", it->second.position->lat},
                             {"lon", it->second.position->lon},
                             {"accuracy_m", it->second.accuracy_m},
                             {"fixed_at", FormatTime(*it->second.fixed_at)}});
        }
        moved_.clear();
    }
    bus_.Publish(std::string(kPositionsTopic), Json{{"type", "positions"}, {"units", std::move(units)}});
}

// ---------------------------------------------------------------- escalation

Result<int> DispatchService::EscalateOverdue() {
    const auto now = clock_.Now();
    std::vector<std::int64_t> due;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, o] : open_) {
            if (o.priority == Priority::kP1 && !o.acknowledged && !o.escalated &&
                now - o.created_at >= settings_.escalate_after) {
                due.push_back(id);
            }
        }
    }
    int escalated = 0;
    const Actor system{"system", "", "", ""};
    for (auto id : due) {
        std::vector<auth::AuditRecord> audits;
        auto inc = db_.Transact([&](Connection& c) -> Result<Incident> {
            auto u = c.Execute(
                "UPDATE dispatch_incidents SET escalated_ms = ? WHERE id = ? AND acknowledged_ms IS NULL AND "
                "escalated_ms IS NULL AND status <> 'closed'",
                {ToUnixMillis(now), id});
            if (!u) return Fail(u.error());
            if (*u == 1) {
                const auto waited = std::chrono::duration_cast<std::chrono::seconds>(settings_.escalate_after).count();
                if (auto s = AddEvent(
                        c, id, "escalated", "system",
                        fmt::format("P1 chưa được tiếp nhận sau {} s / P1 unacknowledged after {} s", waited, waited),
                        std::nullopt);
                    !s) {
                    return Fail(s.error());
                }
                if (auto s = Audit(c, audits, system, "dispatch.incident.escalate", fmt::format("incident:{}", id),
                                   Json{{"after_s", waited}});
                    !s)
                    return Fail(s.error());
            }
            return LoadIncident(c, id, false);
        });
        if (!inc) return Fail(inc.error());
        Announce(audits);
        Remember(*inc);
        if (!audits.empty()) {
            ++escalated;
            bus_.Publish(std::string(kEscalationsTopic),
                         Json{{"type", "incident.escalated"}, {"incident", IncidentJson(*inc)}});
            PublishIncident("incident.updated", *inc);
        }
    }
    return escalated;
}

// ---------------------------------------------------------------- statistics

Result<Stats> DispatchService::ComputeStats(TimePoint from, TimePoint to, const std::string& group_by) {
    auto rows = db_.Query(
        "SELECT line, category, area, received_ms, dispatched_ms, on_scene_ms FROM dispatch_incidents "
        "WHERE received_ms >= ? AND received_ms < ?",
        {ToUnixMillis(from), ToUnixMillis(to)});
    if (!rows) return Fail(rows.error());
    struct Acc {
        StatsGroup g;
        std::vector<double> dispatch, arrive;
    };
    std::map<std::string, Acc> groups;
    Acc total;
    total.g.key = "total";
    total.g.label_vi = "Tổng";
    total.g.label_en = "Total";
    for (const auto& r : *rows) {
        std::string key, vi, en;
        const auto received = r.Int(3);
        if (group_by == "line") {
            key = r.Text(0);
            vi = fmt::format("Đường dây {}", key);
            en = fmt::format("Line {}", key);
        } else if (group_by == "category") {
            key = r.Text(1);
            if (auto c = ParseCategory(key)) {
                vi = CategoryLabelVi(*c);
                en = CategoryLabelEn(*c);
            }
        } else if (group_by == "area" || group_by == "district") {
            key = r.Text(2);
            if (auto a = AreaByCode(key)) {
                vi = a->name_vi;
                en = a->name_en;
            } else {
                key = "unknown";
                vi = "Không xác định";
                en = "Unknown";
            }
        } else {  // hour of day, local time (UTC+7)
            const auto local_ms = received + 7LL * 3600 * 1000;
            const int hour = static_cast<int>((local_ms / 3'600'000) % 24);
            key = fmt::format("{:02}", hour);
            vi = fmt::format("{:02}:00–{:02}:59", hour, hour);
            en = vi;
        }
        auto& acc = groups[key];
        acc.g.key = key;
        acc.g.label_vi = vi;
        acc.g.label_en = en;
        for (Acc* a : {&acc, &total}) {
            ++a->g.incidents;
            if (!r.IsNull(4)) {
                ++a->g.dispatched;
                a->dispatch.push_back(static_cast<double>(r.Int(4) - received) / 1000.0);
            }
            if (!r.IsNull(5)) {
                ++a->g.arrived;
                a->arrive.push_back(static_cast<double>(r.Int(5) - received) / 1000.0);
            }
        }
    }
    Stats out;
    out.from = from;
    out.to = to;
    out.group_by = group_by;
    for (auto& [key, acc] : groups) {
        acc.g.to_dispatch = ComputeQuantiles(acc.dispatch);
        acc.g.to_arrive = ComputeQuantiles(acc.arrive);
        out.groups.push_back(std::move(acc.g));
    }
    total.g.to_dispatch = ComputeQuantiles(total.dispatch);
    total.g.to_arrive = ComputeQuantiles(total.arrive);
    out.total = std::move(total.g);
    return out;
}

// ---------------------------------------------------------------- events

void DispatchService::PublishIncident(std::string_view type, const Incident& incident) {
    bus_.Publish(std::string(kTopic), Json{{"type", type}, {"incident", IncidentJson(incident)}});
}

void DispatchService::PublishUnit(const Unit& unit) {
    bus_.Publish(std::string(kTopic), Json{{"type", "unit.updated"}, {"unit", UnitJson(unit)}});
}

void DispatchService::PublishCall(std::string_view type, const Call& call) {
    bus_.Publish(std::string(kTopic), Json{{"type", type}, {"call", CallJson(call, /*with_personal=*/false)}});
}

}  // namespace precinct::dispatch
