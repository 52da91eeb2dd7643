#include "json_codec.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "areas.hpp"
#include "core/settings.hpp"

namespace precinct::dispatch {
namespace {

Json OptTimeJson(const std::optional<TimePoint>& t) { return t ? Json(FormatTime(*t)) : Json(nullptr); }

Json QuantilesJson(const Quantiles& q) {
    return Json{{"median", q.median ? Json(*q.median) : Json(nullptr)}, {"p90", q.p90 ? Json(*q.p90) : Json(nullptr)}};
}

Json GroupJson(const StatsGroup& g) {
    return Json{{"key", g.key},
                {"label_vi", g.label_vi},
                {"label_en", g.label_en},
                {"incidents", g.incidents},
                {"dispatched", g.dispatched},
                {"arrived", g.arrived},
                {"time_to_dispatch_s", QuantilesJson(g.to_dispatch)},
                {"time_to_arrive_s", QuantilesJson(g.to_arrive)}};
}

Error Invalid(std::string field, std::string message) {
    return Error{ErrorCode::kInvalidArgument, fmt::format("{}: {}", field, message), std::move(field), 0};
}

bool AllDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Decodes "location": coordinates, an AML message, an address, or coordinates with an address.
Result<Location> DecodeLocation(const Json& j) {
    if (!j.is_object()) return Fail(Invalid("location", "must be an object"));
    Location loc;
    std::string aml;
    std::string address;
    double lat = 1000, lon = 1000;
    double accuracy = -1;
    SettingsReader r(j, "location");
    r.String("aml", aml, kAmlMaxLength)
        .String("address", address, 500)
        .Double("lat", lat, -90, 90)
        .Double("lon", lon, -180, 180)
        .Double("accuracy_m", accuracy, 0, 100000);
    if (auto s = r.Finish(); !s) return Fail(s.error());
    const bool has_lat = j.contains("lat"), has_lon = j.contains("lon");
    if (has_lat != has_lon)
        return Fail(Invalid(has_lat ? "location.lon" : "location.lat", "is required with the other coordinate"));
    if (!aml.empty() && has_lat) {
        return Fail(Invalid("location.aml", "give either an AML message or coordinates, not both"));
    }
    if (!aml.empty()) {
        auto msg = ParseAml(aml);
        if (!msg) {
            Error e = msg.error();
            e.field = "location.aml." + (e.field.empty() ? std::string("message") : e.field);
            e.message = "location.aml: " + e.message;
            return Fail(std::move(e));
        }
        loc.source = "aml";
        loc.aml_raw = aml;
        if (auto p = msg->Location()) {
            loc.point = *p;
            loc.accuracy_m = msg->radius_m.value_or(0);
        }
        loc.aml = std::move(*msg);
    } else if (has_lat) {
        loc.source = "caller";
        loc.point = GeoPoint{lat, lon};
        loc.accuracy_m = accuracy < 0 ? 0 : accuracy;
    } else if (!address.empty()) {
        loc.source = "address";
    } else {
        return Fail(Invalid("location", "give coordinates (lat, lon), an AML message (aml) or an address"));
    }
    loc.address = address;
    if (loc.point) {
        if (auto area = AreaOf(*loc.point)) loc.area = area->code;
    }
    return loc;
}

}  // namespace

Status CheckCallerNumber(std::string_view n) {
    if (n.size() < 8 || n.size() > 16 || n.front() != '+' || !AllDigits(n.substr(1)) || n[1] == '0') {
        return Fail(Invalid("caller", "must be an E.164 number: '+', country code and number, 7 to 15 digits"));
    }
    if (n.substr(0, 3) == "+84") {
        const auto national = n.substr(3);  // without the leading 0
        const char first = national.front();
        const bool mobile =
            national.size() == 9 && (first == '3' || first == '5' || first == '7' || first == '8' || first == '9');
        const bool fixed = national.size() == 10 && first == '2';
        if (!mobile && !fixed) {
            return Fail(Invalid("caller",
                                "is not a Vietnamese number: +84 then a 9-digit mobile (3, 5, 7, 8, 9…) or a "
                                "10-digit fixed line (2…)"));
        }
    }
    return Ok();
}

Json LocationJson(const Location& loc, bool with_personal) {
    Json j{{"lat", loc.point ? Json(loc.point->lat) : Json(nullptr)},
           {"lon", loc.point ? Json(loc.point->lon) : Json(nullptr)},
           {"accuracy_m", loc.point ? Json(loc.accuracy_m) : Json(nullptr)},
           {"source", loc.source},
           {"address", loc.address},
           {"area", loc.area}};
    if (auto a = AreaByCode(loc.area)) {
        j["area_vi"] = a->name_vi;
        j["area_en"] = a->name_en;
    }
    if (loc.aml) {
        const auto& m = *loc.aml;
        Json aml{{"version", m.version},
                 {"method", m.positioning_method},
                 {"confidence_pct", m.confidence_pct ? Json(*m.confidence_pct) : Json(nullptr)},
                 {"positioned_at", OptTimeJson(m.positioning_time)},
                 {"has_fix", m.has_fix},
                 {"length_mismatch", m.length_mismatch},
                 {"unknown_keys", m.unknown_keys}};
        if (with_personal) {
            aml["imsi"] = m.imsi;
            aml["imei"] = m.imei;
            aml["mcc"] = m.mcc;
            aml["mnc"] = m.mnc;
            aml["emergency_number"] = m.emergency_number;
        }
        j["aml"] = std::move(aml);
    }
    return j;
}

Json CallJson(const Call& c, bool with_personal) {
    Json j{{"id", c.id},
           {"line", c.line},
           {"received_at", FormatTime(c.received_at)},
           {"description", c.description},
           {"category", CategoryCode(c.category)},
           {"type", c.type},
           {"state", CallStateCode(c.state)},
           {"incident_id", c.incident_id ? Json(*c.incident_id) : Json(nullptr)},
           {"transferred_to", c.transferred_to.empty() ? Json(nullptr) : Json(c.transferred_to)},
           {"location", c.location ? LocationJson(*c.location, with_personal) : Json(nullptr)},
           {"created_by", c.created_by},
           {"created_at", FormatTime(c.created_at)},
           {"channel", c.channel}};
    if (with_personal) j["caller"] = c.caller;
    return j;
}

Json IncidentJson(const Incident& i) {
    return Json{{"id", i.id},
                {"line", i.line},
                {"category", CategoryCode(i.category)},
                {"type", i.type},
                {"priority", PriorityCode(i.priority.priority)},
                {"priority_rule", i.priority.rule},
                {"priority_reason_vi", i.priority.reason_vi},
                {"priority_reason_en", i.priority.reason_en},
                {"status", IncidentStatusCode(i.status)},
                {"description", i.description},
                {"location", i.location ? LocationJson(*i.location, false) : Json(nullptr)},
                {"received_at", FormatTime(i.received_at)},
                {"created_at", FormatTime(i.created_at)},
                {"acknowledged_at", OptTimeJson(i.acknowledged_at)},
                {"acknowledged_by", i.acknowledged_by.empty() ? Json(nullptr) : Json(i.acknowledged_by)},
                {"dispatched_at", OptTimeJson(i.dispatched_at)},
                {"on_scene_at", OptTimeJson(i.on_scene_at)},
                {"cleared_at", OptTimeJson(i.cleared_at)},
                {"closed_at", OptTimeJson(i.closed_at)},
                {"closure_code", i.closure_code.empty() ? Json(nullptr) : Json(i.closure_code)},
                {"escalated_at", OptTimeJson(i.escalated_at)},
                {"call_count", i.call_count},
                {"units", i.units}};
}

Json IncidentEventJson(const IncidentEvent& e) {
    return Json{{"id", e.id},
                {"incident_id", e.incident_id},
                {"at", FormatTime(e.at)},
                {"kind", e.kind},
                {"actor", e.actor},
                {"text", e.text},
                {"unit_id", e.unit_id ? Json(*e.unit_id) : Json(nullptr)}};
}

Json AssignmentJson(const Assignment& a) {
    return Json{{"id", a.id},
                {"incident_id", a.incident_id},
                {"unit_id", a.unit_id},
                {"assigned_at", FormatTime(a.assigned_at)},
                {"assigned_by", a.assigned_by},
                {"eta_s", a.eta_s},
                {"en_route_at", OptTimeJson(a.en_route_at)},
                {"on_scene_at", OptTimeJson(a.on_scene_at)},
                {"cleared_at", OptTimeJson(a.cleared_at)},
                {"cancelled_at", OptTimeJson(a.cancelled_at)}};
}

Json UnitJson(const Unit& u) {
    Json position = nullptr;
    if (u.position) {
        position = Json{{"lat", u.position->lat},
                        {"lon", u.position->lon},
                        {"accuracy_m", u.accuracy_m},
                        {"fixed_at", OptTimeJson(u.fixed_at)}};
    }
    return Json{{"id", u.id},
                {"call_sign", u.call_sign},
                {"kind", UnitKindCode(u.kind)},
                {"station", u.station},
                {"capabilities", FormatCapabilities(u.capabilities)},
                {"status", UnitStatusCode(u.status)},
                {"position", std::move(position)},
                {"incident_id", u.incident_id ? Json(*u.incident_id) : Json(nullptr)},
                {"updated_at", FormatTime(u.updated_at)}};
}

Json DuplicateJson(const DuplicateCandidate& d, const Incident& incident) {
    return Json{{"incident", IncidentJson(incident)}, {"score", d.score},
                {"distance_m", d.distance_m},         {"age_s", d.age_s},
                {"reason_vi", d.reason_vi},           {"reason_en", d.reason_en}};
}

Json RecommendationJson(const RankedUnit& r) {
    return Json{{"unit", UnitJson(r.unit)},
                {"eta_s", r.rec.eta_s},
                {"distance_m", r.rec.distance_m},
                {"reasons_vi", r.rec.reasons_vi},
                {"reasons_en", r.rec.reasons_en}};
}

Json StatsJson(const Stats& s) {
    Json groups = Json::array();
    for (const auto& g : s.groups) groups.push_back(GroupJson(g));
    return Json{{"from", FormatTime(s.from)},
                {"to", FormatTime(s.to)},
                {"group_by", s.group_by},
                {"groups", std::move(groups)},
                {"total", GroupJson(s.total)}};
}

Json TaxonomyJson() {
    Json categories = Json::array();
    for (auto c : kAllCategories) {
        const auto base = AssessPriority(c, "");
        categories.push_back({{"code", CategoryCode(c)},
                              {"label_vi", CategoryLabelVi(c)},
                              {"label_en", CategoryLabelEn(c)},
                              {"default_priority", PriorityCode(base.priority)},
                              {"lead_line", LineCode(LeadLine(c))},
                              {"required_capabilities", FormatCapabilities(RequiredCapabilities(c))}});
    }
    Json lines = Json::array();
    for (auto l : {Line::k113, Line::k114, Line::k115, Line::k111, Line::k112}) {
        static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
            {"Cảnh sát", "Police"},
            {"Cứu hỏa, cứu nạn cứu hộ", "Fire and rescue"},
            {"Cấp cứu y tế (chuyển tiếp)", "Medical emergency (transferred)"},
            {"Bảo vệ trẻ em (chuyển tiếp)", "Child protection (transferred)"},
            {"Thiên tai, tìm kiếm cứu nạn (chuyển tiếp)", "Disasters, search and rescue (transferred)"},
        };
        const auto& [vi, en] = kNames[static_cast<int>(l)];
        lines.push_back({{"code", LineCode(l)}, {"label_vi", vi}, {"label_en", en}, {"handled_here", HandledHere(l)}});
    }
    Json kinds = Json::array();
    static constexpr std::tuple<UnitKind, std::string_view, std::string_view> kKinds[] = {
        {UnitKind::kPatrolCar, "Xe tuần tra", "Patrol car"},
        {UnitKind::kMotorbike, "Tổ tuần tra mô tô", "Motorbike patrol"},
        {UnitKind::kFireEngine, "Xe chữa cháy", "Fire engine"},
        {UnitKind::kLadder, "Xe thang", "Ladder truck"},
        {UnitKind::kRescue, "Xe cứu nạn cứu hộ", "Rescue vehicle"},
    };
    for (const auto& [k, vi, en] : kKinds) {
        kinds.push_back({{"code", UnitKindCode(k)},
                         {"label_vi", vi},
                         {"label_en", en},
                         {"capabilities", FormatCapabilities(DefaultCapabilities(k))}});
    }
    Json statuses = Json::array();
    static constexpr std::tuple<UnitStatus, std::string_view, std::string_view> kStatuses[] = {
        {UnitStatus::kAvailable, "Sẵn sàng", "Available"},
        {UnitStatus::kDispatched, "Đã điều động", "Dispatched"},
        {UnitStatus::kEnRoute, "Đang di chuyển", "En route"},
        {UnitStatus::kOnScene, "Có mặt tại hiện trường", "On scene"},
        {UnitStatus::kClearing, "Đang hoàn tất", "Clearing"},
        {UnitStatus::kOutOfService, "Ngừng hoạt động", "Out of service"},
    };
    for (const auto& [s, vi, en] : kStatuses) {
        Json next = Json::array();
        for (auto n : AllowedTransitions(s)) next.push_back(UnitStatusCode(n));
        statuses.push_back({{"code", UnitStatusCode(s)}, {"label_vi", vi}, {"label_en", en}, {"next", next}});
    }
    Json closures = Json::array();
    static constexpr std::tuple<std::string_view, std::string_view, std::string_view> kClosures[] = {
        {"resolved", "Đã giải quyết", "Resolved"},
        {"false_alarm", "Báo tin giả / nhầm", "False alarm"},
        {"duplicate", "Trùng sự việc khác", "Duplicate"},
        {"no_action_needed", "Không cần xử lý", "No action needed"},
        {"referred", "Chuyển cơ quan khác", "Referred to another agency"},
        {"caller_cancelled", "Người gọi hủy", "Cancelled by caller"},
        {"unable_to_locate", "Không xác định được vị trí", "Unable to locate"},
    };
    for (const auto& [code, vi, en] : kClosures)
        closures.push_back({{"code", code}, {"label_vi", vi}, {"label_en", en}});
    Json areas = Json::array();
    for (const auto& a : Areas()) {
        areas.push_back({{"code", a.code},
                         {"label_vi", a.name_vi},
                         {"label_en", a.name_en},
                         {"lat", a.center.lat},
                         {"lon", a.center.lon}});
    }
    return Json{{"lines", lines},
                {"categories", categories},
                {"unit_kinds", kinds},
                {"unit_statuses", statuses},
                {"closure_codes", closures},
                {"areas", areas},
                {"areas_note_vi",
                 "Khu vực = quận cũ (trước 2025), ước lượng theo điểm tham chiếu gần nhất, không theo ranh giới."},
                {"areas_note_en",
                 "Areas are the former (pre-2025) urban districts, approximated by nearest reference point, not by "
                 "boundaries."}};
}

Result<NewCall> DecodeNewCall(const Json& body, TimePoint now) {
    NewCall call;
    std::string category;
    std::string received;
    SettingsReader r(body, "");
    r.Require("line").Require("caller").Require("description").Require("category");
    r.String("line", call.line, 16)
        .String("caller", call.caller, 16)
        .String("received_at", received, 40)
        .String("description", call.description, 4000)
        .String("category", category, 40)
        .String("type", call.type, 200)
        .String("client_ref", call.client_ref, 64)
        .Known("location");
    if (auto s = r.Finish(); !s) return Fail(s.error());
    if (call.line.empty() || !AllDigits(call.line))
        return Fail(Invalid("line", "must be the number dialled, e.g. 113"));
    if (auto s = CheckCallerNumber(call.caller); !s) return Fail(s.error());
    if (call.description.empty()) return Fail(Invalid("description", "must not be empty"));
    auto cat = ParseCategory(category);
    if (!cat) return Fail(Invalid("category", "unknown category; see GET /api/v1/dispatch/taxonomy"));
    call.category = *cat;
    if (!received.empty()) {
        auto t = ParseTime(received);
        if (!t) return Fail(Invalid("received_at", "must be an RFC 3339 time, e.g. 2026-11-23T10:15:30Z"));
        if (*t > now + std::chrono::minutes(1)) return Fail(Invalid("received_at", "is in the future"));
        if (*t < now - std::chrono::hours(24)) return Fail(Invalid("received_at", "is more than 24 hours ago"));
        call.received_at = *t;
    }
    if (auto it = body.find("location"); it != body.end() && !it->is_null()) {
        auto loc = DecodeLocation(*it);
        if (!loc) return Fail(loc.error());
        call.location = std::move(*loc);
    }
    return call;
}

Result<NewUnit> DecodeNewUnit(const Json& body) {
    NewUnit u;
    std::string kind;
    double lat = 1000, lon = 1000;
    SettingsReader r(body, "");
    r.Require("call_sign").Require("kind");
    r.String("call_sign", u.call_sign, 32)
        .String("kind", kind, 32)
        .String("station", u.station, 200)
        .Double("lat", lat, -90, 90)
        .Double("lon", lon, -180, 180)
        .Known("capabilities");
    if (auto s = r.Finish(); !s) return Fail(s.error());
    if (u.call_sign.empty()) return Fail(Invalid("call_sign", "must not be empty"));
    auto k = ParseUnitKind(kind);
    if (!k) return Fail(Invalid("kind", "must be one of patrol_car, motorbike, fire_engine, ladder, rescue"));
    u.kind = *k;
    if (body.contains("lat") != body.contains("lon")) return Fail(Invalid("lat", "lat and lon go together"));
    if (body.contains("lat")) u.position = GeoPoint{lat, lon};
    if (auto it = body.find("capabilities"); it != body.end()) {
        if (!it->is_array() || it->size() > 16) return Fail(Invalid("capabilities", "must be a list of names"));
        std::vector<std::string> names;
        for (const auto& n : *it) {
            if (!n.is_string()) return Fail(Invalid("capabilities", "must be a list of names"));
            names.push_back(n.get<std::string>());
        }
        auto caps = ParseCapabilities(names);
        if (!caps) return Fail(caps.error());
        u.capabilities = *caps;
    }
    return u;
}

Result<PositionFix> DecodeFix(const Json& body, std::int64_t unit_id, const std::string& prefix, TimePoint now) {
    PositionFix f;
    f.unit_id = unit_id;
    double speed = -1, heading = -1;
    std::string fixed_at;
    std::int64_t id_in_body = unit_id;
    SettingsReader r(body, prefix);
    r.Require("lat").Require("lon").Require("fixed_at");
    r.Double("lat", f.point.lat, -90, 90)
        .Double("lon", f.point.lon, -180, 180)
        .Double("accuracy_m", f.accuracy_m, 0, 100000)
        .Double("speed_kmh", speed, 0, 400)
        .Double("heading_deg", heading, 0, 360)
        .String("fixed_at", fixed_at, 40);
    if (unit_id == 0) {
        r.Require("unit_id").Int("unit_id", id_in_body, 1, std::numeric_limits<std::int64_t>::max());
    }
    if (auto s = r.Finish(); !s) return Fail(s.error());
    f.unit_id = id_in_body;
    auto t = ParseTime(fixed_at);
    if (!t) return Fail(Invalid(r.KeyPath("fixed_at"), "must be an RFC 3339 time"));
    if (*t > now + std::chrono::minutes(1)) return Fail(Invalid(r.KeyPath("fixed_at"), "is in the future"));
    f.fixed_at = *t;
    if (speed >= 0) f.speed_kmh = speed;
    if (heading >= 0) f.heading_deg = heading;
    return f;
}

}  // namespace precinct::dispatch
