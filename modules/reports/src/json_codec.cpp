#include "json_codec.hpp"

#include "service.hpp"
#include "tracking_code.hpp"

namespace precinct::reports {
namespace {

Json OptTime(const std::optional<TimePoint>& t) { return t ? Json(FormatTime(*t)) : Json(nullptr); }

Json SuggestionsJson(const std::vector<Suggestion>& list) {
    Json out = Json::array();
    for (const auto& s : list) {
        out.push_back({{"id", s.id},
                       {"distance_m", s.distance_m},
                       {"age_h", s.age_h},
                       {"reason_vi", s.reason_vi},
                       {"reason_en", s.reason_en}});
    }
    return out;
}

}  // namespace

Json DeadlineJson(const DeadlineRule& d) {
    return Json{{"amount", d.amount},
                {"unit", DeadlineUnitCode(d.unit)},
                {"text_vi", FormatDeadline(d, true)},
                {"text_en", FormatDeadline(d, false)},
                {"legal_basis", d.legal_basis},
                {"extension", d.extension},
                {"confirmed", d.confirmed},
                {"note", d.note}};
}

Json CategoryJson(const Category& c) {
    return Json{{"code", c.code},
                {"name_vi", c.name_vi},
                {"name_en", c.name_en},
                {"description_vi", c.description_vi},
                {"description_en", c.description_en},
                {"group", c.group},
                {"keywords", c.keywords},
                {"anonymous_allowed", c.anonymous_allowed},
                {"handled_by", UnitKindCode(c.handled_by)},
                {"deadline", DeadlineJson(c.deadline)}};
}

Json ReportSummaryJson(const Report& r, DueState due) {
    const bool done =
        r.status == ReportStatus::kResolved || r.status == ReportStatus::kRejected || r.status == ReportStatus::kClosed;
    return Json{{"id", r.id},
                {"code", FormatTrackingCode(r.code)},
                {"category", r.category},
                {"status", ReportStatusCode(r.status)},
                {"unit_id", r.unit_id},
                {"assigned_to", r.assigned_to},
                {"channel", r.channel},
                {"received_at", FormatTime(r.received_at)},
                {"due_at", FormatTime(r.due_at)},
                {"updated_at", FormatTime(r.updated_at)},
                {"due_state", done ? std::string_view("done") : DueStateCode(due)},
                {"lat", r.point ? Json(r.point->lat) : Json(nullptr)},
                {"lon", r.point ? Json(r.point->lon) : Json(nullptr)},
                {"address", r.address},
                {"anonymous", r.anonymous},
                {"has_photos", !r.photo_ids.empty()},
                {"duplicate_of", r.duplicate_of ? Json(*r.duplicate_of) : Json(nullptr)},
                {"suggestions", SuggestionsJson(r.suggestions)}};
}

Json ReportDetailJson(const Report& r, DueState due) {
    Json j = ReportSummaryJson(r, due);
    j["description"] = r.description;
    j["occurred_at"] = OptTime(r.occurred_at);
    j["status_reason"] = r.status_reason;
    j["unit_reason_vi"] = r.unit_reason_vi;
    j["unit_reason_en"] = r.unit_reason_en;
    j["contact"] = Json{{"name", r.name}, {"phone", r.phone}, {"email", r.email}};
    j["language"] = r.language;
    j["resolved_at"] = OptTime(r.resolved_at);
    j["closed_at"] = OptTime(r.closed_at);
    j["photos"] = r.photo_ids;
    Json history = Json::array();
    for (const auto& e : r.history) {
        history.push_back({{"id", e.id},
                           {"at", FormatTime(e.at)},
                           {"kind", e.kind},
                           {"actor", e.actor},
                           {"from_status", e.from_status},
                           {"to_status", e.to_status},
                           {"text", e.text},
                           {"public", e.is_public}});
    }
    j["history"] = std::move(history);
    return j;
}

Json CitizenViewJson(const Report& r, const Catalogue& catalogue) {
    const Category* c = catalogue.Find(r.category);
    Json history = Json::array();
    Json replies = Json::array();
    for (const auto& e : r.history) {
        if (!e.is_public) continue;
        if (e.kind == "reply") {
            replies.push_back({{"at", FormatTime(e.at)}, {"text", e.text}});
        } else {
            history.push_back({{"at", FormatTime(e.at)}, {"status", e.to_status}, {"text", e.text}});
        }
    }
    return Json{{"code", FormatTrackingCode(r.code)},
                {"category", r.category},
                {"category_vi", c ? c->name_vi : r.category},
                {"category_en", c ? c->name_en : r.category},
                {"status", ReportStatusCode(r.status)},
                {"status_label_vi", ReportStatusLabelVi(r.status)},
                {"status_label_en", ReportStatusLabelEn(r.status)},
                {"status_reason", r.status_reason},
                {"received_at", FormatTime(r.received_at)},
                {"due_at", FormatTime(r.due_at)},
                {"updated_at", FormatTime(r.updated_at)},
                {"deadline", c ? DeadlineJson(c->deadline) : Json(nullptr)},
                {"history", std::move(history)},
                {"replies", std::move(replies)}};
}

Json Open311RequestJson(const Report& r, const Catalogue& catalogue, std::string_view agency) {
    const Category* c = catalogue.Find(r.category);
    return Json{{"service_request_id", FormatTrackingCode(r.code)},
                {"status", Open311Status(r.status)},
                {"status_notes", Open311StatusNotes(r.status, r.status_reason)},
                {"service_name", c ? c->name_vi : r.category},
                {"service_code", r.category},
                {"description", r.description},
                {"agency_responsible", std::string(agency)},
                {"service_notice", c ? FormatDeadline(c->deadline, true) : ""},
                {"requested_datetime", FormatTime(r.received_at)},
                {"updated_datetime", FormatTime(r.updated_at)},
                {"expected_datetime", FormatTime(r.due_at)},
                {"address", r.address},
                {"address_id", nullptr},
                {"zipcode", nullptr},
                {"lat", r.point ? Json(r.point->lat) : Json(nullptr)},
                {"long", r.point ? Json(r.point->lon) : Json(nullptr)},
                {"media_url", r.media_url.empty() ? Json(nullptr) : Json(r.media_url)}};
}

Json StatsJson(const ReportStats& s) {
    auto pairs = [](const std::vector<std::pair<std::string, int>>& v) {
        Json out = Json::array();
        for (const auto& [k, n] : v) out.push_back({{"key", k}, {"count", n}});
        return out;
    };
    return Json{{"from", FormatTime(s.from)},
                {"to", FormatTime(s.to)},
                {"total", s.total},
                {"by_category", pairs(s.by_category)},
                {"by_unit", pairs(s.by_unit)},
                {"by_status", pairs(s.by_status)},
                {"median_resolve_h", s.median_resolve_h ? Json(*s.median_resolve_h) : Json(nullptr)},
                {"share_overdue", s.share_overdue}};
}

}  // namespace precinct::reports
