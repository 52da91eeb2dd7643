// The assistant module: settings, routes, topic, retention.
#include "precinct/assistant/module.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/settings.hpp"
#include "engine.hpp"
#include "json_codec.hpp"
#include "precinct/dispatch/intake.hpp"
#include "precinct/reports/intake.hpp"
#include "server/json_body.hpp"
#include "server/periodic_worker.hpp"
#include "server/rate_limit.hpp"
#include "server/request_actor.hpp"
#include "service.hpp"
#include "text/fold.hpp"

namespace precinct::assistant {
namespace {

using server::Access;
using server::Request;
using server::Response;
using server::RouteOptions;

const Access kOfficers{Role::kClerk, Role::kInvestigator, Role::kSupervisor};

Json MessageJson(const StoredMessage& m) {
    return Json{{"seq", m.seq}, {"author", m.author}, {"text", m.text}, {"at", FormatTime(m.at)}, {"kind", m.kind}};
}

Json InfoJson(const ConversationInfo& c) {
    return Json{{"conversation_id", c.id},
                {"handoff_state", HandoffCode(c.handoff)},
                {"waiting_since", c.handoff_since ? Json(FormatTime(*c.handoff_since)) : Json(nullptr)},
                {"started_at", FormatTime(c.started_at)},
                {"updated_at", FormatTime(c.updated_at)},
                {"lang", LangCode(c.lang)},
                {"officer", c.officer.empty() ? Json(nullptr) : Json(c.officer)},
                {"reason", c.reason},
                {"last_text", c.last_text}};
}

class AssistantModule final : public Module {
public:
    AssistantModule(const Settings& settings, ModuleContext& ctx, std::unique_ptr<Engine> engine)
        : settings_(settings),
          ctx_(ctx),
          engine_(std::move(engine)),
          limit_({20, settings.messages_per_minute / 60.0, 100'000}, ctx.clock) {
        ServiceSettings ss;
        ss.max_messages_per_conversation = static_cast<std::size_t>(settings.max_messages_per_conversation);
        ss.retention = std::chrono::hours(24 * settings.retention_days);
        svc_ = std::make_unique<AssistantService>(ctx.db, ctx.bus, ctx.clock, ctx.audit, *engine_, ss);
    }

    Status Start() override {
        if (ctx_.services != nullptr) {
            svc_->Connect(ctx_.services->Find<reports::CitizenIntake>(),
                          ctx_.services->Find<dispatch::ChannelIntake>());
        }
        // Queued turns are written every 20 ms; retention runs once an hour.
        worker_.Start(std::chrono::milliseconds(20), [this] {
            if (auto s = svc_->Flush(); !s) spdlog::warn("assistant: conversations not written yet: {}", s.error().message);
            if (++ticks_ % 180'000 == 1) {
                if (auto n = svc_->Purge(); !n) spdlog::warn("assistant: retention purge failed: {}", n.error().message);
                else if (*n > 0) spdlog::info("assistant: {} conversations past retention deleted", *n);
            }
        });
        return Ok();
    }
    void Stop() override {
        worker_.Stop();
        if (auto s = svc_->Flush(); !s) spdlog::error("assistant: last conversations not written: {}", s.error().message);
    }
    void Routes();

private:
    Settings settings_;
    ModuleContext& ctx_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<AssistantService> svc_;
    server::RateLimiter limit_;
    std::uint64_t ticks_ = 0;
    server::PeriodicWorker worker_;  // last: stopped before the members its ticks use are destroyed
};

void AssistantModule::Routes() {
    server::Router& router = ctx_.router;
    AssistantService* svc = svc_.get();
    AssistantModule* self = this;
    const std::size_t max_chars = static_cast<std::size_t>(settings_.max_message_chars);

    router.Post(
        "/api/v1/assistant/messages", Access::Public(),
        [self, svc, max_chars](const Request& req) {
            if (int wait = self->limit_.Take(req.remote_ip); wait > 0) return server::TooManyRequests(wait, req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string conversation_id, text, lang;
            SettingsReader r(*body, "");
            r.Require("text")
                .String("conversation_id", conversation_id, 64)
                .String("text", text, max_chars * 4)
                .String("lang", lang, 2);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            const std::size_t chars = precinct::text::Utf8Length(text);
            if (text.find_first_not_of(" \t\r\n") == std::string::npos || chars > max_chars) {
                return Problem(Error{ErrorCode::kInvalidArgument,
                                     fmt::format("text: 1 to {} characters / câu hỏi từ 1 đến {} ký tự", max_chars,
                                                 max_chars),
                                     "text", 0},
                               req);
            }
            std::optional<Lang> hint;
            if (lang == "vi") hint = Lang::kVi;
            else if (lang == "en") hint = Lang::kEn;
            else if (!lang.empty()) return Problem(Error{ErrorCode::kInvalidArgument, "lang: vi or en", "lang", 0}, req);
            auto out = svc->Message(conversation_id, text, hint);
            if (!out) return Problem(out.error(), req);
            return Response::MakeJson(200, TurnJson(out->turn, out->conversation_id, out->seq, out->state));
        },
        RouteOptions{.max_body_bytes = 8 * 1024, .self_audited = true});

    router.Get(
        "/api/v1/assistant/conversations/{id}/messages", Access::Public(),
        [self, svc](const Request& req) {
            if (int wait = self->limit_.Take(req.remote_ip, 0.1); wait > 0) return server::TooManyRequests(wait, req);
            auto after = server::IntParam(req, "after", 0, 0, 1'000'000);
            if (!after) return Problem(after.error(), req);
            auto out = svc->Messages(std::string(req.Param("id")), *after, 200);
            if (!out) return Problem(out.error(), req);
            Json messages = Json::array();
            for (const auto& m : out->second) messages.push_back(MessageJson(m));
            return Response::MakeJson(200, Json{{"messages", messages},
                                                {"handoff_state", HandoffCode(out->first.handoff)}});
        },
        RouteOptions{.self_audited = true});

    // ---- officers ----
    router.Get("/api/v1/assistant/handoffs", kOfficers, [svc](const Request& req) {
        auto limit = server::IntParam(req, "limit", 100, 1, 500);
        if (!limit) return Problem(limit.error(), req);
        auto list = svc->Handoffs(req.QueryParam("state").value_or("open"), *limit);
        if (!list) return Problem(list.error(), req);
        Json items = Json::array();
        for (const auto& c : *list) items.push_back(InfoJson(c));
        return Response::MakeJson(200, Json{{"items", items}});
    });

    router.Get(
        "/api/v1/assistant/conversations/{id}", kOfficers,
        [svc](const Request& req) {
            auto out = svc->Transcript(std::string(req.Param("id")), server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            Json j = InfoJson(out->first);
            Json messages = Json::array();
            for (const auto& m : out->second) messages.push_back(MessageJson(m));
            j["messages"] = messages;
            return Response::MakeJson(200, j);
        },
        RouteOptions{.self_audited = true});

    router.Post(
        "/api/v1/assistant/conversations/{id}/claim", kOfficers,
        [svc](const Request& req) {
            auto out = svc->Claim(std::string(req.Param("id")), server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            return Response::MakeJson(200, InfoJson(*out));
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    router.Post(
        "/api/v1/assistant/conversations/{id}/close", kOfficers,
        [svc](const Request& req) {
            auto out = svc->Close(std::string(req.Param("id")), server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            return Response::MakeJson(200, InfoJson(*out));
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    router.Post(
        "/api/v1/assistant/conversations/{id}/replies", kOfficers,
        [svc](const Request& req) {
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string text;
            SettingsReader r(*body, "");
            r.Require("text").String("text", text, 8000);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            if (text.find_first_not_of(" \t\r\n") == std::string::npos || precinct::text::Utf8Length(text) > 2000) {
                return Problem(Error{ErrorCode::kInvalidArgument, "text: 1 to 2000 characters", "text", 0}, req);
            }
            auto out = svc->OfficerReply(std::string(req.Param("id")), text, server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            return Response::MakeJson(201, MessageJson(*out));
        },
        RouteOptions{.max_body_bytes = 16 * 1024, .self_audited = true});

    router.Get("/api/v1/assistant/unanswered", kOfficers, [svc](const Request& req) {
        auto limit = server::IntParam(req, "limit", 100, 1, 500);
        if (!limit) return Problem(limit.error(), req);
        const auto include = req.QueryParam("include_resolved").value_or("false");
        if (include != "true" && include != "false") {
            return Problem(Error{ErrorCode::kInvalidArgument, "include_resolved: true or false", "include_resolved", 0},
                           req);
        }
        auto list = svc->ListUnanswered(*limit, include == "true");
        if (!list) return Problem(list.error(), req);
        Json items = Json::array();
        for (const auto& u : *list) {
            const Entry* best = u.best_id.empty() ? nullptr : svc->engine().kb().Find(u.best_id);
            items.push_back(Json{{"id", u.id},
                                 {"text", u.text},
                                 {"count", u.count},
                                 {"first_at", FormatTime(u.first_at)},
                                 {"last_at", FormatTime(u.last_at)},
                                 {"best_guess", best ? Json{{"id", best->id}, {"title", best->title_vi}} : Json(nullptr)},
                                 {"confidence", std::round(u.confidence * 1000) / 1000},
                                 {"resolved", u.resolved}});
        }
        return Response::MakeJson(200, Json{{"items", items}});
    });

    router.Post(
        "/api/v1/assistant/unanswered/{id}/resolve", kOfficers,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            if (auto s = svc->ResolveUnanswered(*id, server::ActorOf(req)); !s) return Problem(s.error(), req);
            return Response::NoContent();
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});
}

}  // namespace

Result<Settings> ParseSettings(const Json& section) {
    Settings s;
    SettingsReader r(section, "modules.assistant");
    r.Bool("enabled", s.enabled)
        .String("kb_dir", s.kb_dir, 1000)
        .String("words_file", s.words_file, 1000)
        .String("calibration_file", s.calibration_file, 1000)
        .Double("answer_threshold", s.answer_threshold, 0, 1)
        .Double("handoff_threshold", s.handoff_threshold, 0, 1)
        .Double("messages_per_minute", s.messages_per_minute, 0.1, 10000000)
        .Int("max_message_chars", s.max_message_chars, 10, 4000)
        .Int("max_messages_per_conversation", s.max_messages_per_conversation, 10, 10000)
        .Int("retention_days", s.retention_days, 1, 3650);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    if (s.handoff_threshold > s.answer_threshold) {
        return Fail(ErrorCode::kInvalidArgument,
                    "modules.assistant.handoff_threshold: must not exceed answer_threshold",
                    "modules.assistant.handoff_threshold");
    }
    return s;
}

Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx) {
    if (!settings.enabled) return std::unique_ptr<Module>();
    EngineFiles files = DefaultEngineFiles();
    if (!settings.kb_dir.empty()) files.kb_dir = settings.kb_dir;
    if (!settings.words_file.empty()) files.words_file = settings.words_file;
    if (!settings.calibration_file.empty()) files.calibration_file = settings.calibration_file;
    // Report categories come from the reports module when it runs (it registers before this module is built).
    std::vector<reports::IntakeCategory> categories;
    if (ctx.services != nullptr) {
        if (auto* intake = ctx.services->Find<reports::CitizenIntake>()) categories = intake->Categories();
    }
    auto engine = Engine::Create(files, std::move(categories), Thresholds{settings.answer_threshold,
                                                                          settings.handoff_threshold});
    if (!engine) return Fail(engine.error());
    if (auto s = AssistantService::Migrate(ctx.db); !s) return Fail(s.error());
    ctx.topics.Declare(std::string(kTopic), kOfficers);
    spdlog::info("assistant: {} procedures and {} common questions loaded", (*engine)->kb().procedures(),
                 (*engine)->kb().faqs());
    auto module = std::make_unique<AssistantModule>(settings, ctx, std::move(*engine));
    module->Routes();
    return std::unique_ptr<Module>(std::move(module));
}

}  // namespace precinct::assistant
