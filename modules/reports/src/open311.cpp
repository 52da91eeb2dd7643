#include "open311.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/crypto.hpp"
#include "server/form_parser.hpp"
#include "json_codec.hpp"
#include "server/request_actor.hpp"
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

// The standard's error form: an array of {code, description}, with the HTTP status.
Response Open311Error(int status, std::string description) {
    return Response::MakeJson(status, Json::array({Json{{"code", status}, {"description", std::move(description)}}}));
}

Response FromError(const Error& e) {
    const int status = server::HttpStatusFor(e.code);
    return Open311Error(status, e.code == ErrorCode::kInternal ? "internal error" : e.message);
}

bool KeyAccepted(const std::vector<std::string>& keys, std::string_view given) {
    if (given.empty()) return false;
    bool ok = false;
    for (const auto& k : keys) ok = ConstantTimeEquals(k, given) || ok;
    return ok;
}

std::optional<Response> CheckKey(const std::vector<std::string>& keys, std::string_view given) {
    if (keys.empty()) return Open311Error(403, "Open311 is not enabled on this server (no API keys are configured)");
    if (!KeyAccepted(keys, given)) return Open311Error(403, "api_key: missing or not valid");
    return std::nullopt;
}

std::string_view StripJson(std::string_view id) {
    if (id.size() > 5 && id.substr(id.size() - 5) == ".json") id.remove_suffix(5);
    return id;
}

}  // namespace

void RegisterOpen311(server::Router& router, ReportsService& svc, const Settings& settings) {
    const auto keys = settings.open311_api_keys;
    const std::string agency = settings.agency;
    ReportsService* s = &svc;

    router.Get("/open311/v2/services.json", Access::Public(), [s, keys](const Request& req) {
        if (auto denied = CheckKey(keys, req.QueryParam("api_key").value_or(""))) return *denied;
        const bool vietnamese = req.QueryParam("locale").value_or("vi").rfind("en", 0) != 0;
        Json out = Json::array();
        for (const auto& c : s->catalogue().categories()) {
            const auto svc_obj = ToOpen311Service(c, vietnamese);
            out.push_back({{"service_code", svc_obj.service_code},
                           {"service_name", svc_obj.service_name},
                           {"description", svc_obj.description},
                           {"metadata", svc_obj.metadata},
                           {"type", svc_obj.type},
                           {"keywords", svc_obj.keywords},
                           {"group", svc_obj.group}});
        }
        return Response::MakeJson(200, out);
    });

    router.Post(
        "/open311/v2/requests.json", Access::Public(),
        [s, keys](const Request& req) {
            if (req.Header("content-type").rfind("application/x-www-form-urlencoded", 0) != 0) {
                return Open311Error(400, "Content-Type must be application/x-www-form-urlencoded");
            }
            auto fields = ParseUrlEncoded(req.body, FormLimits{});
            if (!fields) return FromError(fields.error());
            if (auto denied = CheckKey(keys, FirstValue(*fields, "api_key").value_or(""))) return *denied;
            auto get = [&](std::string_view name) { return std::string(FirstValue(*fields, name).value_or("")); };
            NewReport r;
            r.channel = "open311";
            r.category = get("service_code");
            if (r.category.empty()) return Open311Error(400, "service_code: is required");
            if (!s->catalogue().Find(r.category)) return Open311Error(404, "service_code: not found");
            r.description = get("description");
            if (r.description.size() < 10 || r.description.size() > 4000) {
                return Open311Error(400, "description: must be 10 to 4000 bytes");
            }
            const auto lat = get("lat"), lon = get("long");
            if (!lat.empty() || !lon.empty()) {
                double la = 0, lo = 0;
                auto [p1, e1] = std::from_chars(lat.data(), lat.data() + lat.size(), la);
                auto [p2, e2] = std::from_chars(lon.data(), lon.data() + lon.size(), lo);
                if (e1 != std::errc() || e2 != std::errc() || p1 != lat.data() + lat.size() ||
                    p2 != lon.data() + lon.size() || !ValidPoint(GeoPoint{la, lo})) {
                    return Open311Error(400, "lat, long: must be WGS-84 decimal degrees");
                }
                r.point = GeoPoint{la, lo};
            }
            r.address = get("address_string");
            if (r.address.size() > 300) return Open311Error(400, "address_string: at most 300 bytes");
            if (!r.point && r.address.empty()) {
                return Open311Error(400, "a location is required: lat and long, or address_string");
            }
            r.name = (get("first_name") + " " + get("last_name"));
            if (r.name == " ") r.name.clear();
            r.phone = get("phone");
            r.email = get("email");
            r.media_url = get("media_url");
            // No second factor is asked of Open311 clients: they read requests with their API key.
            if (r.phone.empty()) r.secret = HexEncode(RandomBytes(6)).substr(0, 12);
            for (char& c : r.secret) c = static_cast<char>('0' + (static_cast<unsigned char>(c) % 10));
            const Category* category = s->catalogue().Find(r.category);
            r.anonymous = r.name.empty() && r.phone.empty() && r.email.empty() && category->anonymous_allowed;
            auth::Actor actor = server::ActorOf(req);
            actor.username = "open311";
            auto filed = s->File(r, actor);
            if (!filed) return FromError(filed.error());
            return Response::MakeJson(
                201, Json::array({Json{{"service_request_id", FormatTrackingCode(filed->code)},
                                       {"service_notice", FormatDeadline(filed->category->deadline, true)},
                                       {"account_id", nullptr}}}));
        },
        RouteOptions{.max_body_bytes = 64 * 1024, .self_audited = true});

    router.Get("/open311/v2/requests.json", Access::Public(), [s, keys, agency](const Request& req) {
        if (auto denied = CheckKey(keys, req.QueryParam("api_key").value_or(""))) return *denied;
        ReportFilter f;
        f.channel = "open311";
        f.limit = 1000;
        if (auto ids = req.QueryParam("service_request_id"); ids && !ids->empty()) {
            std::string_view rest = *ids;
            while (!rest.empty()) {
                const auto comma = rest.find(',');
                auto code = NormalizeTrackingCode(rest.substr(0, comma));
                if (code) f.codes.push_back(*code);
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
            if (f.codes.empty()) return Response::MakeJson(200, Json::array());
        } else {
            f.category = req.QueryParam("service_code").value_or("");
            const auto now = s->clock().Now();
            f.from = now - std::chrono::hours(24 * 90);
            if (auto t = req.QueryParam("start_date"); t && !t->empty()) {
                auto p = ParseTime(*t);
                if (!p) return Open311Error(400, "start_date: must be a W3C date-time");
                f.from = *p;
            }
            if (auto t = req.QueryParam("end_date"); t && !t->empty()) {
                auto p = ParseTime(*t);
                if (!p) return Open311Error(400, "end_date: must be a W3C date-time");
                f.to = *p;
            }
            if (f.to && *f.to - *f.from > std::chrono::hours(24 * 90)) {
                return Open311Error(400, "start_date, end_date: the span is at most 90 days");
            }
        }
        const auto status = req.QueryParam("status").value_or("");
        auto list = s->List(f, nullptr);
        if (!list) return FromError(list.error());
        Json out = Json::array();
        for (const auto& r : *list) {
            const auto st = Open311Status(r.status);
            if (!status.empty() && status.find(st) == std::string::npos) continue;
            out.push_back(Open311RequestJson(r, s->catalogue(), agency));
        }
        return Response::MakeJson(200, out);
    });

    router.Get("/open311/v2/requests/{id}", Access::Public(), [s, keys, agency](const Request& req) {
        if (auto denied = CheckKey(keys, req.QueryParam("api_key").value_or(""))) return *denied;
        auto code = NormalizeTrackingCode(StripJson(req.Param("id")));
        if (!code) return Open311Error(404, "service_request_id: not found");
        auto r = s->GetByCode(*code);
        if (!r || r->channel != "open311") return Open311Error(404, "service_request_id: not found");
        return Response::MakeJson(200, Json::array({Open311RequestJson(*r, s->catalogue(), agency)}));
    });
}

}  // namespace precinct::reports
