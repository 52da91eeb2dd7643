#include "server/platform_routes.hpp"
#include "server/request_actor.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "core/settings.hpp"
#include "server/json_body.hpp"

namespace precinct::server {
namespace {

struct Capability {
    const char* id;
    const char* name_vi;
    const char* name_en;
};

// Every capability of the product, in console order; a capability is available once its module is built in.
constexpr Capability kCapabilities[] = {
    {"dispatch", "Điều phối 113/114", "113/114 dispatch"},
    {"reports", "Phản ánh & kiến nghị", "Reports and petitions"},
    {"assistant", "Trợ lý ảo", "Virtual assistant"},
    {"digitize", "Số hóa tài liệu", "Document digitization"},
    {"identity", "Xác thực CCCD", "Chip ID verification"},
    {"vision", "Camera AI", "Camera AI"},
    {"fraud", "Chống lừa đảo", "Fraud prevention"},
};

Json UserJson(const auth::User& u) {
    return Json{{"id", u.id},
                {"username", u.username},
                {"display_name", u.display_name},
                {"role", RoleName(u.role)},
                {"role_label_vi", RoleLabelVi(u.role)},
                {"disabled", u.disabled},
                {"created_at", u.created_at}};
}

std::string_view BearerToken(const Request& req) {
    auto h = req.Header("authorization");
    return h.size() > 7 ? h.substr(7) : std::string_view{};
}

}  // namespace

void AddPlatformRoutes(Router& router, PlatformServices& svc) {
    svc.topics.Declare(std::string(kSystemTopic), Access::SignedIn());
    svc.topics.Declare(std::string(auth::kAuditTopic), Access{Role::kAuditor, Role::kAdmin});

    router.Get("/healthz", Access::Public(), [](const Request&) {
        return Response::MakeJson(200, Json{{"status", "ok"}});
    });
    router.Get("/readyz", Access::Public(), [&svc](const Request& req) {
        if (!svc.ready()) {
            return Problem(Error{ErrorCode::kUnavailable, "starting up or shutting down", "", 1}, req);
        }
        return Response::MakeJson(200, Json{{"status", "ready"}});
    });
    router.Get("/metrics", Access::Public(), [&svc](const Request&) {
        return Response::Text(200, svc.metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
    });

    router.Post(
        "/api/v1/auth/token", Access::Public(),
        [&svc](const Request& req) {
            auto body = DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string username, password;
            SettingsReader r(*body, "");
            r.Require("username").String("username", username, 64).Require("password").String("password", password, 256);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            auto issued = svc.auth.Login(username, password, ActorOf(req));
            if (!issued) return Problem(issued.error(), req);
            return Response::MakeJson(201, Json{{"token", issued->token},
                                                {"token_type", "Bearer"},
                                                {"expires_at", issued->expires_at},
                                                {"user", UserJson(issued->user)}});
        },
        RouteOptions{.max_body_bytes = 4096, .self_audited = true});

    router.Delete(
        "/api/v1/auth/token", Access::SignedIn(),
        [&svc](const Request& req) {
            if (auto s = svc.auth.Revoke(BearerToken(req), ActorOf(req)); !s) return Problem(s.error(), req);
            return Response::NoContent();
        },
        RouteOptions{.self_audited = true});

    router.Get("/api/v1/auth/me", Access::SignedIn(), [](const Request& req) {
        const auto& p = *req.principal;
        return Response::MakeJson(200, Json{{"id", p.user_id},
                                            {"username", p.username},
                                            {"display_name", p.display_name},
                                            {"role", RoleName(p.role)},
                                            {"role_label_vi", RoleLabelVi(p.role)}});
    });

    router.Get("/api/v1/users", Role::kAdmin, [&svc](const Request& req) {
        auto users = svc.auth.ListUsers();
        if (!users) return Problem(users.error(), req);
        Json items = Json::array();
        for (const auto& u : *users) items.push_back(UserJson(u));
        return Response::MakeJson(200, Json{{"items", items}});
    });

    router.Get(
        "/api/v1/users/{username}", Role::kAdmin,
        [&svc](const Request& req) {
            auto user = svc.auth.FindUser(req.Param("username"));
            if (!user) return Problem(user.error(), req);
            if (!*user) {
                return Problem(Error{ErrorCode::kNotFound, fmt::format("no user '{}'", req.Param("username")), "", 0},
                               req);
            }
            return Response::MakeJson(200, UserJson(**user));
        },
        RouteOptions{.personal_data = true});

    router.Post(
        "/api/v1/users", Role::kAdmin,
        [&svc](const Request& req) {
            auto body = DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            auth::NewUser nu;
            std::string role;
            SettingsReader r(*body, "");
            r.Require("username").String("username", nu.username, 64)
                .Require("password").String("password", nu.password, 256)
                .Require("role").String("role", role, 32)
                .Require("display_name").String("display_name", nu.display_name, 200);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            auto parsed = ParseRole(role);
            if (!parsed) {
                return Problem(Error{ErrorCode::kInvalidArgument,
                                     "role: must be one of call_taker, dispatcher, supervisor, clerk, investigator, "
                                     "admin, auditor",
                                     "role", 0},
                               req);
            }
            nu.role = *parsed;
            auto user = svc.auth.CreateUser(nu, ActorOf(req));
            if (!user) return Problem(user.error(), req);
            auto res = Response::MakeJson(201, UserJson(*user));
            res.headers.emplace_back("Location", fmt::format("/api/v1/users/{}", user->username));
            return res;
        },
        RouteOptions{.max_body_bytes = 16 * 1024, .self_audited = true});

    router.Get("/api/v1/system/info", Access::SignedIn(), [&svc](const Request&) {
        Json modules = Json::array();
        for (const auto& [name, enabled] : svc.info.modules) modules.push_back({{"name", name}, {"enabled", enabled}});
        Json caps = Json::array();
        for (const auto& c : kCapabilities) {
            bool available = false;
            for (const auto& [name, enabled] : svc.info.modules) available = available || (name == c.id && enabled);
            caps.push_back({{"id", c.id}, {"name_vi", c.name_vi}, {"name_en", c.name_en}, {"available", available}});
        }
        return Response::MakeJson(200, Json{{"name", "Precinct"},
                                            {"version", svc.info.version},
                                            {"started_at", svc.info.started_at},
                                            {"database", svc.info.database},
                                            {"modules", modules},
                                            {"capabilities", caps}});
    });

    router.Get("/api/v1/audit", Access{Role::kAuditor, Role::kAdmin}, [&svc](const Request& req) {
        auto limit = IntParam(req, "limit", 100, 1, 500);
        if (!limit) return Problem(limit.error(), req);
        auto after = IntParam(req, "after", 0, 0, std::numeric_limits<int>::max());
        if (!after) return Problem(after.error(), req);
        const auto order = req.QueryParam("order").value_or("asc");
        if (order != "asc" && order != "desc") {
            return Problem(Error{ErrorCode::kInvalidArgument, "order: must be asc or desc", "order", 0}, req);
        }
        auto entries = svc.audit.List(*after, *limit, order == "desc");
        if (!entries) return Problem(entries.error(), req);
        Json items = Json::array();
        for (const auto& e : *entries) items.push_back(auth::AuditRecordJson(e));
        Json out{{"items", items}};
        if (order == "asc") out["next_after"] = entries->empty() ? *after : entries->back().seq;
        return Response::MakeJson(200, out);
    });

    router.Get("/api/v1/audit/verify", Access{Role::kAuditor, Role::kAdmin}, [&svc](const Request& req) {
        auto report = svc.audit.Verify();
        if (!report) return Problem(report.error(), req);
        return Response::MakeJson(
            200, Json{{"ok", report->ok},
                      {"entries", report->entries},
                      {"head_seq", report->head_seq},
                      {"head_hash", report->head_hash},
                      {"first_bad_seq", report->first_bad_seq ? Json(*report->first_bad_seq) : Json(nullptr)},
                      {"problem", report->problem.empty() ? Json(nullptr) : Json(report->problem)}});
    });

    router.Get("/api/v1/audit/export", Role::kAuditor, [&svc](const Request& req) {
        std::string out;
        auto status = svc.audit.Export([&](const auth::AuditRecord& r) {
            out += auth::AuditRecordJson(r).dump(-1, ' ', false, Json::error_handler_t::replace);
            out.push_back('\n');
        });
        if (!status) return Problem(status.error(), req);
        const auto a = ActorOf(req);
        (void)svc.audit.Append(auth::AuditEntry{a.username, a.role, "audit.export", "audit_log", "", a.source_ip,
                                                a.request_id, "{}"});
        auto res = Response::Text(200, std::move(out), "application/x-ndjson");
        res.headers.emplace_back("Content-Disposition", "attachment; filename=\"precinct-audit.ndjson\"");
        return res;
    });

    router.Get("/api/v1/events", Access::SignedIn(), [&svc](const Request& req) {
        std::vector<std::string> topics;
        if (auto param = req.QueryParam("topics"); param && !param->empty()) {
            std::string_view rest = *param;
            while (!rest.empty()) {
                const auto comma = rest.find(',');
                auto t = rest.substr(0, comma);
                rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
                if (t.empty()) continue;
                if (t.size() > 64 || topics.size() >= 32) {
                    return Problem(Error{ErrorCode::kInvalidArgument, "topics: at most 32 names of 64 bytes", "topics", 0},
                                   req);
                }
                topics.emplace_back(t);
            }
        }
        if (topics.empty()) topics = svc.topics.TopicsFor(req.principal->role);
        if (auto s = svc.topics.Check(topics, req.principal->role); !s) return Problem(s.error(), req);
        Response res;
        res.sse_topics = std::move(topics);
        return res;
    });

    router.Get("/api/v1/public/info", Access::Public(), [](const Request&) {
        Json lines = Json::array({
            {{"number", "113"}, {"service_vi", "Cảnh sát (Công an)"}, {"service_en", "Police"}},
            {{"number", "114"}, {"service_vi", "Cứu hỏa, cứu nạn cứu hộ"}, {"service_en", "Fire and rescue"}},
            {{"number", "115"}, {"service_vi", "Cấp cứu y tế"}, {"service_en", "Medical emergency"}},
            {{"number", "111"}, {"service_vi", "Bảo vệ trẻ em"}, {"service_en", "Child protection"}},
            {{"number", "112"},
             {"service_vi", "Sự cố, thiên tai, thảm họa, tìm kiếm cứu nạn"},
             {"service_en", "Incidents, natural disasters, search and rescue"}},
        });
        return Response::MakeJson(200, Json{{"name_vi", "Precinct — Cổng thông tin công dân"},
                                            {"name_en", "Precinct — Citizen portal"},
                                            {"emergency_lines", lines},
                                            {"calls_free_vi", "Gọi các số khẩn cấp đều miễn phí."},
                                            {"calls_free_en", "Calls to emergency numbers are free."}});
    });
}

}  // namespace precinct::server
