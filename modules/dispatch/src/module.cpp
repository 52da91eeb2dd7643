// The dispatch module: settings, routes, topics, background work (batched GPS writes, live position events,
// P1 escalation) and, with --demo, seeded units and a slow stream of synthetic calls.
#include "precinct/dispatch/module.hpp"

#include "precinct/dispatch/intake.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <limits>
#include <random>

#include "core/settings.hpp"
#include "json_codec.hpp"
#include "server/json_body.hpp"
#include "server/periodic_worker.hpp"
#include "server/request_actor.hpp"
#include "service.hpp"
#include "simulator.hpp"
#include "training.hpp"

namespace precinct::dispatch {
namespace {

using server::Access;
using server::Request;
using server::Response;
using server::RouteOptions;

const Access kIntake{Role::kCallTaker, Role::kSupervisor};
const Access kCentre{Role::kCallTaker, Role::kDispatcher, Role::kSupervisor};
const Access kDispatch{Role::kDispatcher, Role::kSupervisor};
const Access kUnitAdmin{Role::kSupervisor, Role::kAdmin};
const Access kCommand{Role::kSupervisor};

Response Json201(const Json& j) { return Response::MakeJson(201, j); }

// Incidents raised by other modules (the assistant's chat) through the same intake as the call-takers' form.
class ChannelIntakeAdapter final : public ChannelIntake {
public:
    explicit ChannelIntakeAdapter(DispatchService& svc) : svc_(svc) {}

    Result<ChannelIncident> Raise(const ChannelCall& in) override {
        if (in.line != "113" && in.line != "114") {
            return Fail(ErrorCode::kInvalidArgument, "line: must be 113 or 114", "line");
        }
        auto category = ParseCategory(in.category);
        if (!category) return Fail(ErrorCode::kInvalidArgument, "category: unknown dispatch category", "category");
        if (in.description.empty() || in.description.size() > 4000) {
            return Fail(ErrorCode::kInvalidArgument, "description: 1 to 4000 bytes", "description");
        }
        NewCall call;
        call.line = in.line;
        call.caller = in.caller;
        call.description = in.description;
        call.category = *category;
        call.channel = in.channel.empty() ? "chat" : in.channel;
        call.client_ref = in.client_ref;
        if (in.latitude.has_value() != in.longitude.has_value()) {
            return Fail(ErrorCode::kInvalidArgument, "latitude and longitude: both or neither", "latitude");
        }
        if (in.latitude) {
            if (!(*in.latitude >= -90 && *in.latitude <= 90) || !(*in.longitude >= -180 && *in.longitude <= 180)) {
                return Fail(ErrorCode::kInvalidArgument, "latitude/longitude: out of range", "latitude");
            }
            Location loc;
            loc.source = in.channel.empty() ? "chat" : in.channel;
            loc.point = GeoPoint{*in.latitude, *in.longitude};
            loc.address = in.address.substr(0, 500);
            call.location = std::move(loc);
        } else if (!in.address.empty()) {
            Location loc;
            loc.source = "address";
            loc.address = in.address.substr(0, 500);
            call.location = std::move(loc);
        }
        auth::Actor actor;
        actor.username = call.channel;  // "chat": no officer entered it
        auto out = svc_.Intake(call, actor);
        if (!out) return Fail(out.error());
        ChannelIncident r;
        r.call_id = out->call.id;
        if (out->incident) r.incident_id = out->incident->id;
        else if (!out->duplicates.empty()) r.incident_id = out->duplicates.front().second.id;
        if (in.recommend > 0 && r.incident_id) {
            auto set = svc_.Recommendations(*r.incident_id, std::min<std::size_t>(in.recommend, 10));
            if (set) {
                for (const auto& ranked : set->ranked) {
                    r.nearest.push_back(NearUnit{ranked.rec.unit_id, ranked.rec.call_sign, ranked.rec.eta_s,
                                                 ranked.rec.distance_m});
                }
            }
        }
        return r;
    }

    Status AddNote(std::int64_t incident_id, const std::string& text) override {
        auth::Actor actor;
        actor.username = "chat";
        auto e = svc_.AddNote(incident_id, text.substr(0, 2000), actor);
        if (!e) return Fail(e.error());
        return Ok();
    }

private:
    DispatchService& svc_;
};

class DispatchModule final : public Module {
public:
    DispatchModule(const Settings& settings, ModuleContext& ctx, std::unique_ptr<DispatchService> svc)
        : settings_(settings), ctx_(ctx), svc_(std::move(svc)), demo_(ctx.demo) {}

    Status Start() override {
        if (auto s = svc_->Load(); !s) return s;
        if (demo_) {
            if (auto s = SeedDemoUnits(*svc_); !s) return s;
        }
        // One thread: fixes every 250 ms, position events and escalations every second, demo calls at their rate.
        if (demo_ && settings_.demo_calls_per_minute > 0) {
            demo_driver_ = std::make_unique<DemoDriver>(*svc_, settings_.demo_calls_per_minute);
        }
        worker_.Start(std::chrono::milliseconds(250), [this] { Tick(); });
        return Ok();
    }

    void Stop() override {
        worker_.Stop();
        if (auto s = svc_->FlushFixes(); !s)
            spdlog::error("dispatch: last GPS fixes not written: {}", s.error().message);
    }

    void Routes();
    ChannelIntake* channel_intake() { return &channel_intake_; }

private:
    void Tick() {
        if (auto s = svc_->FlushFixes(); !s) spdlog::warn("dispatch: GPS fixes not written yet: {}", s.error().message);
        if (++ticks_ % 4 != 0) return;  // the rest once a second
        svc_->PublishMoved();
        if (auto n = svc_->EscalateOverdue(); !n)
            spdlog::warn("dispatch: escalation check failed: {}", n.error().message);
        if (demo_driver_) demo_driver_->Tick();
    }

    Settings settings_;
    ModuleContext& ctx_;
    std::unique_ptr<DispatchService> svc_;
    ChannelIntakeAdapter channel_intake_{*svc_};
    bool demo_;
    std::unique_ptr<DemoDriver> demo_driver_;
    std::uint64_t ticks_ = 0;
    server::PeriodicWorker worker_;  // last: stopped before the members its ticks use are destroyed
};

void DispatchModule::Routes() {
    auto& router = ctx_.router;
    DispatchService* svc = svc_.get();
    const Settings settings = settings_;

    router.Post(
        "/api/v1/calls", kIntake,
        [svc](const Request& req) {
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            auto call = DecodeNewCall(*body, svc->clock().Now());
            if (!call) return Problem(call.error(), req);
            auto out = svc->Intake(*call, server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            Json dups = Json::array();
            for (const auto& [d, inc] : out->duplicates) dups.push_back(DuplicateJson(d, inc));
            return Json201(Json{{"call", CallJson(out->call, true)},
                                {"incident", out->incident ? IncidentJson(*out->incident) : Json(nullptr)},
                                {"duplicates", std::move(dups)}});
        },
        RouteOptions{.max_body_bytes = 16 * 1024, .self_audited = true});

    router.Post(
        "/api/v1/calls/{id}/link", kIntake,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string decision;
            std::int64_t incident_id = 0;
            SettingsReader r(*body, "");
            r.Require("decision")
                .OneOf("decision", decision, {"confirm", "reject"})
                .Int("incident_id", incident_id, 1, std::numeric_limits<std::int64_t>::max());
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            auto out =
                svc->Link(*id, decision == "confirm",
                          incident_id ? std::optional<std::int64_t>(incident_id) : std::nullopt, server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            return Response::MakeJson(
                200, Json{{"call", CallJson(out->call, true)}, {"incident", IncidentJson(out->incident)}});
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    router.Get(
        "/api/v1/calls", kCentre,
        [svc](const Request& req) {
            auto limit = server::IntParam(req, "limit", 100, 1, 500);
            if (!limit) return Problem(limit.error(), req);
            std::optional<CallState> state;
            if (auto s = req.QueryParam("state"); s && !s->empty()) {
                state = ParseCallState(*s);
                if (!state) {
                    return Problem(
                        Error{ErrorCode::kInvalidArgument,
                              "state: must be pending_link, incident_created, linked or transferred", "state", 0},
                        req);
                }
            }
            auto calls = svc->ListCalls(state, *limit);
            if (!calls) return Problem(calls.error(), req);
            Json list = Json::array();
            for (const auto& c : *calls) list.push_back(CallJson(c, true));
            return Response::MakeJson(200, Json{{"calls", std::move(list)}});
        },
        RouteOptions{.personal_data = true});

    router.Get(
        "/api/v1/calls/{id}", kCentre,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto call = svc->GetCall(*id);
            if (!call) return Problem(call.error(), req);
            Json j = CallJson(*call, true);
            Json sugg = Json::array();
            for (const auto& d : call->suggestions) {
                sugg.push_back({{"incident_id", d.incident_id},
                                {"score", d.score},
                                {"distance_m", d.distance_m},
                                {"age_s", d.age_s},
                                {"reason_vi", d.reason_vi},
                                {"reason_en", d.reason_en}});
            }
            j["suggestions"] = std::move(sugg);
            return Response::MakeJson(200, j);
        },
        RouteOptions{.personal_data = true});

    router.Get("/api/v1/incidents", kCentre, [svc](const Request& req) {
        IncidentFilter f;
        auto limit = server::IntParam(req, "limit", 200, 1, 1000);
        if (!limit) return Problem(limit.error(), req);
        f.limit = *limit;
        f.status = req.QueryParam("status").value_or("open");
        if (f.status != "open" && f.status != "closed" && f.status != "all") {
            return Problem(Error{ErrorCode::kInvalidArgument, "status: must be open, closed or all", "status", 0}, req);
        }
        auto list = svc->ListIncidents(f);
        if (!list) return Problem(list.error(), req);
        Json out = Json::array();
        for (const auto& i : *list) out.push_back(IncidentJson(i));
        return Response::MakeJson(200, Json{{"incidents", std::move(out)}});
    });

    router.Get("/api/v1/incidents/{id}", kCentre, [svc](const Request& req) {
        auto id = server::IdParam(req, "id");
        if (!id) return Problem(id.error(), req);
        auto inc = svc->GetIncident(*id, true);
        if (!inc) return Problem(inc.error(), req);
        Json j = IncidentJson(*inc);
        Json events = Json::array();
        for (const auto& e : inc->events) events.push_back(IncidentEventJson(e));
        Json assignments = Json::array();
        for (const auto& a : inc->assignments) assignments.push_back(AssignmentJson(a));
        j["events"] = std::move(events);
        j["assignments"] = std::move(assignments);
        j["call_ids"] = inc->call_ids;
        return Response::MakeJson(200, j);
    });

    router.Post(
        "/api/v1/incidents/{id}/notes", kCentre,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string text;
            SettingsReader r(*body, "");
            r.Require("text").String("text", text, 2000);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            if (text.empty())
                return Problem(Error{ErrorCode::kInvalidArgument, "text: must not be empty", "text", 0}, req);
            auto e = svc->AddNote(*id, text, server::ActorOf(req));
            if (!e) return Problem(e.error(), req);
            return Json201(IncidentEventJson(*e));
        },
        RouteOptions{.max_body_bytes = 8 * 1024, .self_audited = true});

    router.Post(
        "/api/v1/incidents/{id}/ack", kDispatch,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto inc = svc->Acknowledge(*id, server::ActorOf(req));
            if (!inc) return Problem(inc.error(), req);
            return Response::MakeJson(200, IncidentJson(*inc));
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    router.Post(
        "/api/v1/incidents/{id}/close", kDispatch,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string code, note;
            SettingsReader r(*body, "");
            r.Require("closure_code").String("closure_code", code, 40).String("note", note, 2000);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            auto inc = svc->Close(*id, code, note, server::ActorOf(req));
            if (!inc) return Problem(inc.error(), req);
            return Response::MakeJson(200, IncidentJson(*inc));
        },
        RouteOptions{.max_body_bytes = 8 * 1024, .self_audited = true});

    router.Get("/api/v1/incidents/{id}/recommendations", kCentre, [svc](const Request& req) {
        auto id = server::IdParam(req, "id");
        if (!id) return Problem(id.error(), req);
        auto limit = server::IntParam(req, "limit", 5, 1, 50);
        if (!limit) return Problem(limit.error(), req);
        auto set = svc->Recommendations(*id, static_cast<std::size_t>(*limit));
        if (!set) return Problem(set.error(), req);
        Json recs = Json::array();
        for (const auto& r : set->ranked) recs.push_back(RecommendationJson(r));
        return Response::MakeJson(200, Json{{"incident_id", set->incident_id},
                                            {"required_capabilities", FormatCapabilities(set->required)},
                                            {"recommendations", std::move(recs)}});
    });

    router.Post(
        "/api/v1/incidents/{id}/assignments", kDispatch,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::int64_t unit_id = 0;
            SettingsReader r(*body, "");
            r.Require("unit_id").Int("unit_id", unit_id, 1, std::numeric_limits<std::int64_t>::max());
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            auto out = svc->Assign(*id, unit_id, server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            return Json201(Json{{"assignment", AssignmentJson(out->assignment)},
                                {"unit", UnitJson(out->unit)},
                                {"incident", IncidentJson(out->incident)}});
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    router.Get("/api/v1/units", kCentre, [svc](const Request& req) {
        std::optional<UnitStatus> status;
        if (auto s = req.QueryParam("status"); s && !s->empty()) {
            status = ParseUnitStatus(*s);
            if (!status)
                return Problem(Error{ErrorCode::kInvalidArgument, "status: unknown unit status", "status", 0}, req);
        }
        Json out = Json::array();
        for (const auto& u : svc->ListUnits(status)) out.push_back(UnitJson(u));
        return Response::MakeJson(200, Json{{"units", std::move(out)}});
    });

    router.Post(
        "/api/v1/units", kUnitAdmin,
        [svc](const Request& req) {
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            auto nu = DecodeNewUnit(*body);
            if (!nu) return Problem(nu.error(), req);
            auto u = svc->CreateUnit(*nu, server::ActorOf(req));
            if (!u) return Problem(u.error(), req);
            return Json201(UnitJson(*u));
        },
        RouteOptions{.max_body_bytes = 4096, .self_audited = true});

    router.Post(
        "/api/v1/units/{id}/status", kDispatch,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string status;
            SettingsReader r(*body, "");
            r.Require("status").String("status", status, 32);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            auto to = ParseUnitStatus(status);
            if (!to)
                return Problem(Error{ErrorCode::kInvalidArgument, "status: unknown unit status", "status", 0}, req);
            auto u = svc->SetUnitStatus(*id, *to, server::ActorOf(req));
            if (!u) return Problem(u.error(), req);
            return Response::MakeJson(200, UnitJson(*u));
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    // GPS fixes are telemetry, not changes made by a person: they are not audited one by one.
    router.Post(
        "/api/v1/units/{id}/position", kDispatch,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            auto fix = DecodeFix(*body, *id, "", svc->clock().Now());
            if (!fix) return Problem(fix.error(), req);
            auto out = svc->AcceptFix(*fix);
            if (!out) return Problem(out.error(), req);
            if (*out == FixOutcome::kAccepted) return Response::MakeJson(202, Json{{"accepted", true}});
            return Response::MakeJson(
                202, Json{{"accepted", false}, {"reason", *out == FixOutcome::kDuplicate ? "duplicate" : "older"}});
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    router.Post(
        "/api/v1/units/positions", kDispatch,
        [svc](const Request& req) {
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            SettingsReader r(*body, "");
            r.Require("fixes").Known("fixes");
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            const auto& fixes = (*body)["fixes"];
            if (!fixes.is_array() || fixes.size() > 1000) {
                return Problem(
                    Error{ErrorCode::kInvalidArgument, "fixes: must be a list of at most 1000 fixes", "fixes", 0}, req);
            }
            // Validate every fix before applying any, so a bad batch changes nothing.
            std::vector<PositionFix> decoded;
            decoded.reserve(fixes.size());
            const auto now = svc->clock().Now();
            for (std::size_t i = 0; i < fixes.size(); ++i) {
                auto fix = DecodeFix(fixes[i], 0, fmt::format("fixes[{}]", i), now);
                if (!fix) return Problem(fix.error(), req);
                decoded.push_back(*fix);
            }
            int accepted = 0, duplicate = 0, older = 0, unknown = 0;
            for (const auto& f : decoded) {
                auto out = svc->AcceptFix(f);
                if (!out) {
                    ++unknown;
                } else if (*out == FixOutcome::kAccepted) {
                    ++accepted;
                } else if (*out == FixOutcome::kDuplicate) {
                    ++duplicate;
                } else {
                    ++older;
                }
            }
            return Response::MakeJson(
                202,
                Json{{"accepted", accepted}, {"duplicate", duplicate}, {"older", older}, {"unknown_unit", unknown}});
        },
        RouteOptions{.max_body_bytes = 256 * 1024, .self_audited = true});

    // Training: scenarios from the simulator, checked without storing anything (no incident, nothing to audit).
    router.Get("/api/v1/dispatch/training/scenario", kIntake, [svc](const Request& req) {
        std::uint64_t id = std::random_device{}();
        if (auto text = req.QueryParam("id"); text && !text->empty()) {
            auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
            if (ec != std::errc() || ptr != text->data() + text->size()) {
                return Problem(Error{ErrorCode::kInvalidArgument, "id: must be a scenario number", "id", 0}, req);
            }
        }
        return Response::MakeJson(200, TrainingScenarioJson(MakeTrainingScenario(id, svc->clock().Now())));
    });

    router.Post(
        "/api/v1/dispatch/training/check", kIntake,
        [svc](const Request& req) {
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string id_text;
            SettingsReader r(*body, "");
            r.Require("scenario_id").Require("call").String("scenario_id", id_text, 24).Known("call");
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            std::uint64_t id = 0;
            auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
            if (ec != std::errc() || ptr != id_text.data() + id_text.size()) {
                return Problem(
                    Error{ErrorCode::kInvalidArgument, "scenario_id: must be a scenario number", "scenario_id", 0},
                    req);
            }
            auto call = DecodeNewCall((*body)["call"], svc->clock().Now());
            if (!call) {
                Error e = call.error();
                e.field = "call." + e.field;
                return Problem(e, req);
            }
            const auto scenario = MakeTrainingScenario(id, svc->clock().Now());
            return Response::MakeJson(200, TrainingCheckJson(CheckTrainingCall(scenario, *call)));
        },
        RouteOptions{.max_body_bytes = 16 * 1024, .self_audited = true});

    router.Get("/api/v1/dispatch/taxonomy", Access::SignedIn(),
               [](const Request&) { return Response::MakeJson(200, TaxonomyJson()); });

    router.Get("/api/v1/dispatch/config", Access::SignedIn(), [settings](const Request&) {
        return Response::MakeJson(200, Json{{"map",
                                             {{"tile_url", settings.tile_url},
                                              {"attribution", settings.tile_attribution},
                                              {"center", {21.0285, 105.8542}},
                                              {"zoom", 12}}},
                                            {"escalate_after_s", settings.escalate_after.count()}});
    });

    router.Get("/api/v1/dispatch/stats", kCommand, [svc](const Request& req) {
        const auto now = svc->clock().Now();
        auto range = server::TimeRangeParams(req, now - std::chrono::hours(24), now, std::chrono::hours(24 * 366));
        if (!range) return Problem(range.error(), req);
        const auto [from, to] = *range;
        const auto group_by = req.QueryParam("group_by").value_or("category");
        if (group_by != "line" && group_by != "category" && group_by != "area" && group_by != "district" &&
            group_by != "hour") {
            return Problem(Error{ErrorCode::kInvalidArgument,
                                 "group_by: must be line, category, area, district or hour", "group_by", 0},
                           req);
        }
        auto stats = svc->ComputeStats(from, to, group_by);
        if (!stats) return Problem(stats.error(), req);
        return Response::MakeJson(200, StatsJson(*stats));
    });
}

}  // namespace

Result<Settings> ParseSettings(const Json& section) {
    Settings s;
    std::int64_t dup_window = s.duplicate_window.count();
    SettingsReader r(section, "modules.dispatch");
    r.Bool("enabled", s.enabled)
        .Seconds("escalate_after_s", s.escalate_after, 5, 3600)
        .Double("duplicate_radius_m", s.duplicate_radius_m, 10, 20000)
        .Int("duplicate_window_s", dup_window, 60, 24 * 3600)
        .Double("road_factor", s.road_factor, 1.0, 3.0)
        .String("tile_url", s.tile_url, 500)
        .String("tile_attribution", s.tile_attribution, 500)
        .Double("demo_calls_per_minute", s.demo_calls_per_minute, 0, 600);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    s.duplicate_window = std::chrono::seconds(dup_window);
    if (!s.tile_url.empty() && s.tile_url.rfind("https://", 0) != 0 && s.tile_url.rfind("http://", 0) != 0 &&
        s.tile_url.rfind("/", 0) != 0) {
        return Fail(ErrorCode::kInvalidArgument, "modules.dispatch.tile_url: must start with https://, http:// or /",
                    "modules.dispatch.tile_url");
    }
    return s;
}

Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx) {
    if (!settings.enabled) return std::unique_ptr<Module>();
    if (auto s = DispatchService::Migrate(ctx.db); !s) return Fail(s.error());
    ServiceSettings ss;
    ss.escalate_after = settings.escalate_after;
    ss.duplicates.radius_m = settings.duplicate_radius_m;
    ss.duplicates.window = settings.duplicate_window;
    RoadFactorSettings rf;
    rf.road_factor = settings.road_factor;
    auto svc = std::make_unique<DispatchService>(ctx.db, ctx.bus, ctx.clock, ctx.audit, ss,
                                                 std::make_unique<RoadFactorRouter>(rf));
    ctx.topics.Declare(std::string(kTopic), kCentre);
    ctx.topics.Declare(std::string(kPositionsTopic), kCentre);
    ctx.topics.Declare(std::string(kEscalationsTopic), kDispatch);
    DispatchService* raw = svc.get();
    ctx.metrics.AddGauge("precinct_dispatch_units", "Units known to the dispatch centre.", "",
                         [raw] { return static_cast<double>(raw->UnitCount()); });
    ctx.metrics.AddGauge("precinct_dispatch_open_incidents", "Incidents not yet closed.", "",
                         [raw] { return static_cast<double>(raw->OpenIncidentCount()); });
    auto module = std::make_unique<DispatchModule>(settings, ctx, std::move(svc));
    module->Routes();
    if (ctx.services != nullptr) ctx.services->Provide<ChannelIntake>(module->channel_intake());
    return std::unique_ptr<Module>(std::move(module));
}

}  // namespace precinct::dispatch
