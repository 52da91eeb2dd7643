// The reports module: settings, citizen routes (categories, challenge, filing, lookup), officer routes, Open311
// GeoReport v2, topics, and background work (deadline flags, notifications).
#include "precinct/reports/module.hpp"

#include "precinct/reports/intake.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <set>

#include "core/settings.hpp"
#include "server/form_parser.hpp"
#include "json_codec.hpp"
#include "open311.hpp"
#include "proof_of_work.hpp"
#include "server/json_body.hpp"
#include "server/periodic_worker.hpp"
#include "server/rate_limit.hpp"
#include "server/request_actor.hpp"
#include "service.hpp"
#include "tracking_code.hpp"

namespace precinct::reports {
namespace {

using server::Access;
using server::FilePart;
using server::FirstValue;
using server::FormFields;
using server::FormLimits;
using server::ParseMultipart;
using server::ParseUrlEncoded;
using server::AllValues;
using server::Request;
using server::Response;
using server::RouteOptions;

const Access kOfficers{Role::kClerk, Role::kInvestigator, Role::kSupervisor};
const Access kCommand{Role::kSupervisor};

std::filesystem::path DataFile(const std::string& configured, const char* name) {
    if (!configured.empty()) return configured;
    return std::filesystem::path(PRECINCT_SOURCE_DATA_DIR) / "reports" / name;
}

// The fields of a citizen's form, from multipart/form-data or a JSON object, as name → text.
struct CitizenForm {
    FormFields fields;
    std::vector<FilePart> files;
};

Result<CitizenForm> ReadCitizenForm(const Request& req, const FormLimits& limits) {
    const auto type = req.Header("content-type");
    CitizenForm form;
    if (type.rfind("multipart/form-data", 0) == 0) {
        auto parsed = ParseMultipart(req.body, type, limits);
        if (!parsed) return Fail(parsed.error());
        form.fields = std::move(parsed->fields);
        form.files = std::move(parsed->files);
        return form;
    }
    auto body = server::DecodeJsonBody(req);
    if (!body) return Fail(body.error());
    for (const auto& [key, value] : body->items()) {
        if (value.is_string()) {
            form.fields.push_back({key, value.get<std::string>()});
        } else if (value.is_boolean()) {
            form.fields.push_back({key, value.get<bool>() ? "true" : "false"});
        } else if (value.is_number()) {
            form.fields.push_back({key, value.dump()});
        } else if (!value.is_null()) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must be a string, number or boolean", key), key);
        }
    }
    return form;
}

Result<double> ParseNumber(std::string_view text, const char* field, double min, double max) {
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !(v >= min && v <= max)) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must be a number from {} to {}", field, min, max),
                    field);
    }
    return v;
}

Result<bool> ParseFlag(std::string_view text, const char* field) {
    if (text == "true" || text == "1" || text == "on") return true;
    if (text == "false" || text == "0" || text.empty()) return false;
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must be true or false", field), field);
}

bool AllDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Decodes the citizen's fields into a NewReport; unknown fields are refused by name.
Result<NewReport> DecodeCitizenReport(const FormFields& fields, TimePoint now) {
    static const std::set<std::string, std::less<>> kKnown = {
        "category",  "description", "lat",       "lon",    "address", "occurred_at",
        "anonymous", "name",        "phone",     "email",  "secret",  "share_photo_location",
        "language",  "pow_token",   "pow_nonce", "website"};
    NewReport r;
    std::set<std::string, std::less<>> seen;
    for (const auto& f : fields) {
        if (!kKnown.contains(f.name)) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: unknown field", f.name), f.name);
        }
        if (!seen.insert(f.name).second) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: given more than once", f.name), f.name);
        }
    }
    auto get = [&](std::string_view name) { return std::string(FirstValue(fields, name).value_or("")); };
    r.category = get("category");
    if (r.category.empty()) return Fail(ErrorCode::kInvalidArgument, "category: is required", "category");
    r.description = get("description");
    if (r.description.size() < 10 || r.description.size() > 4000) {
        return Fail(ErrorCode::kInvalidArgument, "description: must be 10 to 4000 bytes", "description");
    }
    const auto lat = get("lat"), lon = get("lon");
    if (lat.empty() != lon.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "lat: lat and lon go together", lat.empty() ? "lat" : "lon");
    }
    if (!lat.empty()) {
        auto la = ParseNumber(lat, "lat", -90, 90);
        if (!la) return Fail(la.error());
        auto lo = ParseNumber(lon, "lon", -180, 180);
        if (!lo) return Fail(lo.error());
        r.point = GeoPoint{*la, *lo};
    }
    r.address = get("address");
    if (r.address.size() > 300) return Fail(ErrorCode::kInvalidArgument, "address: at most 300 bytes", "address");
    if (auto t = get("occurred_at"); !t.empty()) {
        auto parsed = ParseTime(t);
        if (!parsed || *parsed > now + std::chrono::minutes(5)) {
            return Fail(ErrorCode::kInvalidArgument, "occurred_at: must be an RFC 3339 time, not in the future",
                        "occurred_at");
        }
        r.occurred_at = *parsed;
    }
    auto anonymous = ParseFlag(get("anonymous"), "anonymous");
    if (!anonymous) return Fail(anonymous.error());
    r.anonymous = *anonymous;
    r.name = get("name");
    r.phone = get("phone");
    r.email = get("email");
    if (r.name.size() > 200) return Fail(ErrorCode::kInvalidArgument, "name: at most 200 bytes", "name");
    if (!r.phone.empty()) {
        std::string digits;
        for (char c : r.phone) {
            if (c >= '0' && c <= '9') {
                digits.push_back(c);
            } else if (c != ' ' && c != '+' && c != '-' && c != '.') {
                return Fail(ErrorCode::kInvalidArgument, "phone: digits, spaces, + and - only", "phone");
            }
        }
        if (digits.size() < 9 || digits.size() > 15) {
            return Fail(ErrorCode::kInvalidArgument, "phone: 9 to 15 digits", "phone");
        }
    }
    if (!r.email.empty() && (r.email.size() > 200 || r.email.find('@') == std::string::npos)) {
        return Fail(ErrorCode::kInvalidArgument, "email: not an e-mail address", "email");
    }
    if (r.anonymous && (!r.name.empty() || !r.phone.empty() || !r.email.empty())) {
        return Fail(ErrorCode::kInvalidArgument, "anonymous: an anonymous report keeps no name, phone or e-mail",
                    "anonymous");
    }
    r.secret = get("secret");
    if (!r.secret.empty() && (r.secret.size() < 4 || r.secret.size() > 12 || !AllDigits(r.secret))) {
        return Fail(ErrorCode::kInvalidArgument, "secret: 4 to 12 digits", "secret");
    }
    auto share = ParseFlag(get("share_photo_location"), "share_photo_location");
    if (!share) return Fail(share.error());
    r.share_photo_location = *share;
    r.language = get("language").empty() ? "vi" : get("language");
    if (r.language != "vi" && r.language != "en") {
        return Fail(ErrorCode::kInvalidArgument, "language: vi or en", "language");
    }
    return r;
}

// Reports filed from the assistant's chat: the same validation as the web form (the fields go through
// DecodeCitizenReport), no proof of work (the chat has its own rate limit), channel "assistant".
class CitizenIntakeAdapter final : public CitizenIntake {
public:
    explicit CitizenIntakeAdapter(ReportsService& svc) : svc_(svc) {}

    std::vector<IntakeCategory> Categories() const override {
        std::vector<IntakeCategory> out;
        for (const Category& c : svc_.catalogue().categories()) {
            std::string keywords;
            for (const auto& k : c.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
            out.push_back({c.code, c.name_vi, c.name_en, keywords, c.anonymous_allowed});
        }
        return out;
    }

    Result<CitizenReceipt> File(const CitizenReport& in) override {
        FormFields fields{{"category", in.category}, {"description", in.description}, {"language", in.language}};
        if (!in.address.empty()) fields.push_back({"address", in.address});
        if (in.anonymous) fields.push_back({"anonymous", "true"});
        if (!in.name.empty()) fields.push_back({"name", in.name});
        if (!in.phone.empty()) fields.push_back({"phone", in.phone});
        if (!in.secret.empty()) fields.push_back({"secret", in.secret});
        const TimePoint now = svc_.clock().Now();
        auto report = DecodeCitizenReport(fields, now);
        if (!report) return Fail(report.error());
        if (in.occurred_at && *in.occurred_at <= now) report->occurred_at = in.occurred_at;
        report->channel = in.channel.empty() ? "assistant" : in.channel;
        auth::Actor actor;
        actor.username = report->anonymous ? "anonymous" : "citizen";
        actor.request_id = in.reference;
        auto filed = svc_.File(*report, actor);
        if (!filed) return Fail(filed.error());
        CitizenReceipt r;
        r.code = FormatTrackingCode(filed->code);
        r.lookup_by_phone = filed->lookup_by_phone;
        r.received_at = filed->received_at;
        r.due_at = filed->due_at;
        r.category_name_vi = filed->category->name_vi;
        r.category_name_en = filed->category->name_en;
        return r;
    }

private:
    ReportsService& svc_;
};

class ReportsModule final : public Module {
public:
    ReportsModule(const Settings& settings, ModuleContext& ctx, std::unique_ptr<ReportsService> svc,
                  std::unique_ptr<Notifier> notifier)
        : settings_(settings),
          ctx_(ctx),
          svc_(std::move(svc)),
          notifier_(std::move(notifier)),
          pow_(ctx.clock, settings.pow_bits, std::chrono::minutes(10)),
          submit_limit_({10, settings.submissions_per_minute / 60.0, 100'000}, ctx.clock),
          lookup_limit_({20, settings.lookups_per_minute / 60.0, 100'000}, ctx.clock),
          code_limit_({static_cast<double>(settings.lookup_failures_per_code),
                       settings.lookup_failures_per_code / 3600.0, 100'000},
                      ctx.clock) {}

    Status Start() override {
        // Notifications every 2 s; deadline flags every 30 s.
        worker_.Start(std::chrono::seconds(2), [this] { Tick(); });
        return Ok();
    }
    void Stop() override { worker_.Stop(); }
    void Routes();
    CitizenIntake* intake() { return &intake_; }

private:
    void Tick() {
        if (auto n = svc_->SendNotifications(*notifier_); !n)
            spdlog::warn("reports: notifications: {}", n.error().message);
        if (++ticks_ % 15 == 1) {
            if (auto n = svc_->FlagDeadlines(); !n) spdlog::warn("reports: deadline flags: {}", n.error().message);
        }
    }

    Settings settings_;
    ModuleContext& ctx_;
    std::unique_ptr<ReportsService> svc_;
    CitizenIntakeAdapter intake_{*svc_};
    std::unique_ptr<Notifier> notifier_;
    ProofOfWork pow_;
    server::RateLimiter submit_limit_, lookup_limit_, code_limit_;
    std::uint64_t ticks_ = 0;
    server::PeriodicWorker worker_;  // last: stopped before the members its ticks use are destroyed
};

void ReportsModule::Routes() {
    auto& router = ctx_.router;
    ReportsService* svc = svc_.get();
    ReportsModule* self = this;
    const Settings settings = settings_;

    // ---- citizens ----
    router.Get("/api/v1/reports/categories", Access::Public(), [svc](const Request&) {
        Json list = Json::array();
        for (const auto& c : svc->catalogue().categories()) list.push_back(CategoryJson(c));
        return Response::MakeJson(200, Json{{"categories", std::move(list)}});
    });

    router.Get("/api/v1/reports/challenge", Access::Public(), [self](const Request& req) {
        if (int wait = self->submit_limit_.Take(req.remote_ip, 0.2); wait > 0) return server::TooManyRequests(wait, req);
        auto c = self->pow_.Issue();
        return Response::MakeJson(200,
                                  Json{{"token", c.token}, {"bits", c.bits}, {"expires_at", FormatTime(c.expires_at)}});
    });

    router.Post(
        "/api/v1/reports", Access::Public(),
        [self, svc, settings](const Request& req) {
            if (int wait = self->submit_limit_.Take(req.remote_ip); wait > 0) return server::TooManyRequests(wait, req);
            FormLimits limits;
            limits.max_files = static_cast<std::size_t>(settings.max_photos);
            limits.max_file_bytes = settings.max_photo_bytes;
            auto form = ReadCitizenForm(req, limits);
            if (!form) return Problem(form.error(), req);
            if (!FirstValue(form->fields, "website").value_or("").empty()) {
                return Problem(Error{ErrorCode::kInvalidArgument, "website: this field must stay empty", "website", 0},
                               req);
            }
            if (settings.pow_bits > 0) {
                auto s = self->pow_.Verify(std::string(FirstValue(form->fields, "pow_token").value_or("")),
                                           std::string(FirstValue(form->fields, "pow_nonce").value_or("")));
                if (!s) return Problem(s.error(), req);
            }
            auto report = DecodeCitizenReport(form->fields, svc->clock().Now());
            if (!report) return Problem(report.error(), req);
            for (const auto& file : form->files) {
                if (file.field != "photo") {
                    return Problem(Error{ErrorCode::kInvalidArgument, fmt::format("{}: unknown file field", file.field),
                                         file.field, 0},
                                   req);
                }
                ImageLimits il;
                il.max_bytes = settings.max_photo_bytes;
                auto image = SanitizeImage(file.data, il, report->share_photo_location);
                if (!image) return Problem(image.error(), req);
                report->photos.push_back(std::move(*image));
            }
            report->channel = "web";
            auth::Actor actor = server::ActorOf(req);
            actor.username = report->anonymous ? "anonymous" : "citizen";
            auto filed = svc->File(*report, actor);
            if (!filed) return Problem(filed.error(), req);
            return Response::MakeJson(
                201, Json{{"code", FormatTrackingCode(filed->code)},
                          {"status", ReportStatusCode(filed->status)},
                          {"received_at", FormatTime(filed->received_at)},
                          {"due_at", FormatTime(filed->due_at)},
                          {"deadline", DeadlineJson(filed->category->deadline)},
                          {"lookup", filed->lookup_by_phone ? "phone_last4" : "secret"},
                          {"lookup_vi",
                           filed->lookup_by_phone ? "4 số cuối số điện thoại của bạn" : "mã bí mật bạn đã chọn"},
                          {"lookup_en", filed->lookup_by_phone ? "the last 4 digits of your phone number"
                                                               : "the secret you chose"}});
        },
        RouteOptions{.max_body_bytes = 32 * 1024 * 1024, .self_audited = true});

    router.Post(
        "/api/v1/reports/lookup", Access::Public(),
        [self, svc](const Request& req) {
            if (int wait = self->lookup_limit_.Take(req.remote_ip); wait > 0) return server::TooManyRequests(wait, req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string code, secret;
            SettingsReader r(*body, "");
            r.Require("code").Require("secret").String("code", code, 40).String("secret", secret, 32);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            // Wrong guesses for one code are limited too, whoever makes them.
            const std::string key = NormalizeTrackingCode(code).value_or(code);
            auto found = svc->Lookup(code, secret);
            if (!found) {
                if (found.error().code == ErrorCode::kNotFound) {
                    if (int wait = self->code_limit_.Take(key); wait > 0) return server::TooManyRequests(wait, req);
                }
                return Problem(found.error(), req);
            }
            return Response::MakeJson(200, CitizenViewJson(*found, svc->catalogue()));
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    // ---- officers ----
    router.Get("/api/v1/reports", kOfficers, [svc](const Request& req) {
        ReportFilter f;
        auto limit = server::IntParam(req, "limit", 100, 1, 500);
        if (!limit) return Problem(limit.error(), req);
        auto offset = server::IntParam(req, "offset", 0, 0, 1'000'000);
        if (!offset) return Problem(offset.error(), req);
        f.limit = *limit;
        f.offset = *offset;
        if (auto s = req.QueryParam("status"); s && !s->empty()) {
            if (*s == "open") {
                f.open_only = true;
            } else {
                f.status = ParseReportStatus(*s);
                if (!f.status)
                    return Problem(Error{ErrorCode::kInvalidArgument, "status: unknown status", "status", 0}, req);
            }
        }
        f.category = req.QueryParam("category").value_or("");
        f.unit_id = req.QueryParam("unit").value_or("");
        f.channel = req.QueryParam("channel").value_or("");
        if (!f.channel.empty() && f.channel != "web" && f.channel != "open311" && f.channel != "assistant") {
            return Problem(Error{ErrorCode::kInvalidArgument, "channel: web, open311 or assistant", "channel", 0}, req);
        }
        if (auto d = req.QueryParam("due"); d && !d->empty()) {
            if (*d == "overdue") {
                f.due = DueState::kOverdue;
            } else if (*d == "due_soon") {
                f.due = DueState::kDueSoon;
            } else {
                return Problem(Error{ErrorCode::kInvalidArgument, "due: overdue or due_soon", "due", 0}, req);
            }
        }
        int total = 0;
        auto list = svc->List(f, &total);
        if (!list) return Problem(list.error(), req);
        Json out = Json::array();
        for (const auto& r : *list) out.push_back(ReportSummaryJson(r, svc->DueStateOf(r)));
        return Response::MakeJson(200, Json{{"reports", std::move(out)}, {"total", total}});
    });

    router.Get("/api/v1/reports/units", kOfficers, [svc](const Request&) {
        Json out = Json::array();
        for (const auto& s : svc->stations().stations()) {
            out.push_back({{"id", s.id},
                           {"name_vi", s.name_vi},
                           {"name_en", s.name_en},
                           {"kind", UnitKindCode(s.kind)},
                           {"lat", s.position.lat},
                           {"lon", s.position.lon}});
        }
        return Response::MakeJson(200, Json{{"units", std::move(out)}});
    });

    router.Get("/api/v1/reports/stats", kCommand, [svc](const Request& req) {
        const auto now = svc->clock().Now();
        auto range = server::TimeRangeParams(req, now - std::chrono::hours(24 * 30), now + std::chrono::seconds(1),
                                             std::chrono::hours(24 * 366));
        if (!range) return Problem(range.error(), req);
        const auto [from, to] = *range;
        auto stats = svc->Stats(from, to);
        if (!stats) return Problem(stats.error(), req);
        return Response::MakeJson(200, StatsJson(*stats));
    });

    router.Get(
        "/api/v1/reports/{id}", kOfficers,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto r = svc->Get(*id);
            if (!r) return Problem(r.error(), req);
            return Response::MakeJson(200, ReportDetailJson(*r, svc->DueStateOf(*r)));
        },
        RouteOptions{.personal_data = true});

    router.Get(
        "/api/v1/reports/{id}/photos/{photo}", kOfficers,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto photo = server::IdParam(req, "photo");
            if (!photo) return Problem(photo.error(), req);
            auto bytes = svc->Photo(*id, *photo);
            if (!bytes) return Problem(bytes.error(), req);
            Response res = Response::Text(200, std::move(*bytes), "image/jpeg");
            res.headers.emplace_back("Content-Disposition", "inline");
            return res;
        },
        RouteOptions{.personal_data = true});

    auto text_body = [](const Request& req, const char* key, std::size_t max) -> Result<std::string> {
        auto body = server::DecodeJsonBody(req);
        if (!body) return Fail(body.error());
        std::string text;
        SettingsReader r(*body, "");
        r.Require(key).String(key, text, max);
        if (auto s = r.Finish(); !s) return Fail(s.error());
        if (text.empty()) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must not be empty", key), key);
        return text;
    };

    router.Post(
        "/api/v1/reports/{id}/status", kOfficers,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string status;
            TransitionDetails details;
            SettingsReader r(*body, "");
            r.Require("status")
                .String("status", status, 32)
                .String("reason", details.reason, kMaxReasonLength)
                .String("forwarded_to", details.forwarded_to, kMaxForwardedToLength);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            auto to = ParseReportStatus(status);
            if (!to) return Problem(Error{ErrorCode::kInvalidArgument, "status: unknown status", "status", 0}, req);
            auto out = svc->ChangeStatus(*id, *to, details, server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            return Response::MakeJson(200, ReportSummaryJson(*out, svc->DueStateOf(*out)));
        },
        RouteOptions{.max_body_bytes = 8 * 1024, .self_audited = true});

    router.Post(
        "/api/v1/reports/{id}/replies", kOfficers,
        [svc, text_body](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto text = text_body(req, "text", 2000);
            if (!text) return Problem(text.error(), req);
            auto e = svc->Reply(*id, *text, server::ActorOf(req));
            if (!e) return Problem(e.error(), req);
            return Response::MakeJson(201, Json{{"id", e->id}, {"at", FormatTime(e->at)}, {"text", e->text}});
        },
        RouteOptions{.max_body_bytes = 8 * 1024, .self_audited = true});

    router.Post(
        "/api/v1/reports/{id}/notes", kOfficers,
        [svc, text_body](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto text = text_body(req, "text", 2000);
            if (!text) return Problem(text.error(), req);
            auto e = svc->Note(*id, *text, server::ActorOf(req));
            if (!e) return Problem(e.error(), req);
            return Response::MakeJson(201, Json{{"id", e->id}, {"at", FormatTime(e->at)}, {"text", e->text}});
        },
        RouteOptions{.max_body_bytes = 8 * 1024, .self_audited = true});

    router.Post(
        "/api/v1/reports/{id}/assign", kOfficers,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::string unit, officer;
            SettingsReader r(*body, "");
            r.String("unit_id", unit, 64).String("officer", officer, 64);
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            if (unit.empty() && officer.empty()) {
                return Problem(
                    Error{ErrorCode::kInvalidArgument, "unit_id: give unit_id, officer or both", "unit_id", 0}, req);
            }
            auto out = svc->Assign(*id, unit.empty() ? std::nullopt : std::optional(unit),
                                   officer.empty() ? std::nullopt : std::optional(officer), server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            return Response::MakeJson(200, ReportSummaryJson(*out, svc->DueStateOf(*out)));
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    router.Post(
        "/api/v1/reports/{id}/duplicate", kOfficers,
        [svc](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto body = server::DecodeJsonBody(req);
            if (!body) return Problem(body.error(), req);
            std::int64_t of = 0;
            SettingsReader r(*body, "");
            r.Require("of").Int("of", of, 1, std::numeric_limits<std::int64_t>::max());
            if (auto s = r.Finish(); !s) return Problem(s.error(), req);
            auto out = svc->MarkDuplicate(*id, of, server::ActorOf(req));
            if (!out) return Problem(out.error(), req);
            return Response::MakeJson(200, ReportSummaryJson(*out, svc->DueStateOf(*out)));
        },
        RouteOptions{.max_body_bytes = 1024, .self_audited = true});

    RegisterOpen311(router, *svc, settings);
}

}  // namespace

Result<Settings> ParseSettings(const Json& section) {
    Settings s;
    SettingsReader r(section, "modules.reports");
    r.Bool("enabled", s.enabled)
        .String("catalogue_file", s.catalogue_file, 1000)
        .String("holidays_file", s.holidays_file, 1000)
        .String("stations_file", s.stations_file, 1000)
        .String("wards_file", s.wards_file, 1000)
        .Int("pow_bits", s.pow_bits, 0, 28)
        .String("agency", s.agency, 200)
        .Double("submissions_per_minute", s.submissions_per_minute, 0.1, 10000000)
        .Double("lookups_per_minute", s.lookups_per_minute, 0.1, 10000000)
        .Int("lookup_failures_per_code", s.lookup_failures_per_code, 1, 1000)
        .Int("max_photos", s.max_photos, 0, 10)
        .Size("max_photo_bytes", s.max_photo_bytes, 1024, 20 * 1024 * 1024)
        .Double("due_soon_hours", s.due_soon_hours, 1, 24 * 30)
        .Double("due_soon_fraction", s.due_soon_fraction, 0.01, 1)
        .OneOf("notifier", s.notifier, {"log", "webhook"})
        .String("webhook_url", s.webhook_url, 500)
        .Known("open311_api_keys");
    if (auto st = r.Finish(); !st) return Fail(st.error());
    if (section.is_object()) {
        if (auto it = section.find("open311_api_keys"); it != section.end()) {
            if (!it->is_array() || it->size() > 100) {
                return Fail(ErrorCode::kInvalidArgument, "modules.reports.open311_api_keys: must be a list of strings",
                            "modules.reports.open311_api_keys");
            }
            for (const auto& k : *it) {
                if (!k.is_string() || k.get<std::string>().size() < 16 || k.get<std::string>().size() > 200) {
                    return Fail(ErrorCode::kInvalidArgument,
                                "modules.reports.open311_api_keys: each key is a string of 16 to 200 characters",
                                "modules.reports.open311_api_keys");
                }
                s.open311_api_keys.push_back(k.get<std::string>());
            }
        }
    }
    if (s.notifier == "webhook" && s.webhook_url.rfind("http://", 0) != 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    "modules.reports.webhook_url: an http:// address is needed with notifier = \"webhook\" (put TLS in "
                    "a local relay)",
                    "modules.reports.webhook_url");
    }
    return s;
}

Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx) {
    if (!settings.enabled) return std::unique_ptr<Module>();
    auto catalogue = LoadCatalogueFile(DataFile(settings.catalogue_file, "categories.toml"));
    if (!catalogue) return Fail(catalogue.error());
    auto holidays = LoadHolidaysFile(DataFile(settings.holidays_file, "holidays.toml"));
    if (!holidays) return Fail(holidays.error());
    auto stations = LoadStationsFile(DataFile(settings.stations_file, "stations.toml"));
    if (!stations) return Fail(stations.error());
    std::optional<WardMap> wards;
    if (!settings.wards_file.empty()) {
        auto w = LoadWardMap(settings.wards_file);
        if (!w) return Fail(w.error());
        wards = std::move(*w);
    }
    if (auto s = ReportsService::Migrate(ctx.db); !s) return Fail(s.error());
    ServiceSettings ss;
    ss.due_soon_hours = settings.due_soon_hours;
    ss.due_soon_fraction = settings.due_soon_fraction;
    auto svc = std::make_unique<ReportsService>(ctx.db, ctx.bus, ctx.clock, ctx.audit, std::move(*catalogue),
                                                std::move(*holidays), std::move(*stations), std::move(wards), ss);
    auto notifier = settings.notifier == "webhook"
                        ? CreateWebhookNotifier(settings.webhook_url, std::chrono::milliseconds(5000))
                        : CreateLogNotifier();
    ctx.topics.Declare(std::string(kTopic), kOfficers);
    ctx.topics.Declare(std::string(kDeadlinesTopic), kCommand);
    auto module = std::make_unique<ReportsModule>(settings, ctx, std::move(svc), std::move(notifier));
    module->Routes();
    if (ctx.services != nullptr) ctx.services->Provide<CitizenIntake>(module->intake());
    return std::unique_ptr<Module>(std::move(module));
}

}  // namespace precinct::reports
