#include "json_codec.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"

namespace precinct::vision {

Json BoxJson(const Box& box) {
    return Json{{"x", box.x}, {"y", box.y}, {"width", box.width}, {"height", box.height}};
}

Json PlateTextJson(const PlateText& plate) {
    Json j{{"text", plate.text},
           {"display", plate.display},
           {"rows", plate.rows},
           {"row_texts", plate.rows == 2 ? Json::array({plate.top_row, plate.bottom_row}) : Json::array({plate.top_row})},
           {"vehicle_kind", std::string(PlateKindName(plate.kind))},
           {"locality", plate.locality},
           {"series", plate.series},
           {"number", plate.number},
           {"corrections", plate.corrections}};
    if (!plate.province.empty()) j["province"] = plate.province;
    if (!plate.province_before_2025.empty()) j["province_before_2025"] = plate.province_before_2025;
    return j;
}

Json FindingJson(const PlateFinding& f) {
    Json j = PlateTextJson(f.plate);
    j["raw"] = f.raw;
    j["confidence"] = f.confidence;
    j["colour"] = std::string(PlateColourName(f.colour));
    j["box"] = BoxJson(f.box);
    return j;
}

Json VehicleJson(const VehicleRead& v) {
    Json j = PlateTextJson(v.voted.plate);
    j["raw"] = v.raw;
    j["confidence"] = v.voted.confidence;
    j["colour"] = std::string(PlateColourName(v.colour));
    j["box"] = BoxJson(v.box);
    j["frames"] = v.frames;
    j["votes"] = v.voted.votes;
    j["first_seen_s"] = v.first_seen_s;
    j["last_seen_s"] = v.last_seen_s;
    return j;
}

Json HealthJson(const CameraHealth& h) {
    Json j{{"state", h.state},
           {"frames_decoded", h.frames_decoded},
           {"frames_analysed", h.frames_analysed},
           {"frames_skipped_motion", h.frames_skipped_motion},
           {"reads", h.reads},
           {"reconnects", h.reconnects},
           {"backoff_s", h.backoff_s}};
    j["last_frame_at"] = h.last_frame_at ? Json(FormatTime(*h.last_frame_at)) : Json(nullptr);
    j["connected_at"] = h.connected_at ? Json(FormatTime(*h.connected_at)) : Json(nullptr);
    j["last_error"] = h.last_error.empty() ? Json(nullptr) : Json(h.last_error);
    return j;
}

Json CameraJson(const CameraConfig& c, const CameraHealth& h, const std::string& source) {
    Json j{{"id", c.id},           {"name", c.name},           {"sample_fps", c.sample_fps},
           {"motion_gating", c.motion_gating}, {"enabled", c.enabled}, {"source", source},
           {"health", HealthJson(h)}};
    // The stream address may carry credentials (rtsp://user:pass@host): only its scheme and host are shown.
    const auto scheme = c.url.find("://");
    if (scheme == std::string::npos) {
        j["url"] = "file";
    } else {
        std::string rest = c.url.substr(scheme + 3);
        rest = rest.substr(0, rest.find('/'));
        if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
        j["url"] = c.url.substr(0, scheme) + "://" + rest;
    }
    j["latitude"] = c.latitude ? Json(*c.latitude) : Json(nullptr);
    j["longitude"] = c.longitude ? Json(*c.longitude) : Json(nullptr);
    return j;
}

Json StoredReadJson(const StoredRead& r) {
    Json j{{"id", r.id},
           {"camera_id", r.camera_id},
           {"seen_at", FormatTime(r.seen_at)},
           {"plate", r.plate},
           {"display", r.display},
           {"raw", r.raw},
           {"rows", r.rows},
           {"vehicle_kind", r.vehicle_kind},
           {"colour", r.colour},
           {"confidence", r.confidence},
           {"frames", r.frames},
           {"box", BoxJson(r.box)}};
    j["crop_url"] = r.has_crop ? Json(fmt::format("/api/v1/plates/reads/{}/crop", r.id)) : Json(nullptr);
    if (!r.match.empty()) j["match"] = r.match;
    return j;
}

Json WatchEntryJson(const WatchEntry& w) {
    Json j{{"id", w.id},
           {w.kind == "plate" ? "plate" : "pattern", w.value},
           {"kind", w.kind},
           {"reason", w.reason},
           {"legal_basis", w.legal_basis},
           {"owner", w.owner},
           {"category", w.category},
           {"created_by", w.created_by},
           {"created_at", FormatTime(w.created_at)},
           {"expires_at", FormatTime(w.expires_at)},
           {"active", w.active}};
    if (w.kind == "plate") {
        if (auto plate = ReadPlate(w.value)) j["display"] = plate->display;
    }
    j["revoked_at"] = w.revoked_at ? Json(FormatTime(*w.revoked_at)) : Json(nullptr);
    if (w.revoked_at) j["revoked_by"] = w.revoked_by;
    return j;
}

Json NearUnitsJson(const std::vector<dispatch::NearUnit>& units) {
    Json out = Json::array();
    for (const auto& u : units) {
        out.push_back(Json{{"unit_id", u.unit_id}, {"call_sign", u.call_sign}, {"eta_s", u.eta_s},
                           {"distance_m", u.distance_m}});
    }
    return out;
}

Json AlertJson(const Alert& a) {
    Json j{{"id", a.id},
           {"read_id", a.read_id},
           {"watch_id", a.watch_id},
           {"at", FormatTime(a.created_at)},
           {"camera", Json{{"id", a.camera_id}, {"name", a.camera_name}}},
           {"plate", a.plate},
           {"display", a.display},
           {"match", a.match},
           {"reason", a.reason},
           {"legal_basis", a.legal_basis},
           {"owner", a.owner},
           {"nearest_units", NearUnitsJson(a.nearest)},
           {"crop_url", fmt::format("/api/v1/plates/reads/{}/crop", a.read_id)}};
    j["incident_id"] = a.incident_id ? Json(*a.incident_id) : Json(nullptr);
    j["call_id"] = a.call_id ? Json(*a.call_id) : Json(nullptr);
    if (!a.dispatch_error.empty()) j["dispatch_error"] = a.dispatch_error;
    return j;
}

}  // namespace precinct::vision
