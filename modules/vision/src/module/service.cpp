#include "service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/crypto.hpp"
#include "core/json.hpp"
#include "json_codec.hpp"

namespace precinct::vision {
namespace {

using storage::Connection;
using storage::Row;

const std::vector<storage::Migration> kMigrations = {
    {1, "plate reads, watchlist, alerts",
     R"SQL(
CREATE TABLE vision_plate_reads (
  id INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL,
  seen_ms INTEGER NOT NULL,
  plate TEXT NOT NULL,
  look_alike TEXT NOT NULL,
  display TEXT NOT NULL,
  raw TEXT NOT NULL,
  rows_count INTEGER NOT NULL,
  vehicle_kind TEXT NOT NULL,
  colour TEXT NOT NULL,
  confidence REAL NOT NULL,
  frames INTEGER NOT NULL,
  box TEXT NOT NULL,
  crop BLOB,
  expires_ms INTEGER NOT NULL
);
CREATE INDEX vision_plate_reads_seen ON vision_plate_reads(seen_ms);
CREATE INDEX vision_plate_reads_plate ON vision_plate_reads(plate);
CREATE INDEX vision_plate_reads_look_alike ON vision_plate_reads(look_alike);
CREATE INDEX vision_plate_reads_expires ON vision_plate_reads(expires_ms);
CREATE TABLE vision_plate_watch (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  reason TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  owner TEXT NOT NULL,
  category TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  revoked_ms INTEGER,
  revoked_by TEXT NOT NULL DEFAULT '',
  revoked_why TEXT NOT NULL DEFAULT ''
);
CREATE TABLE vision_plate_alerts (
  id INTEGER PRIMARY KEY,
  read_id INTEGER NOT NULL,
  watch_id INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  camera_id TEXT NOT NULL,
  plate TEXT NOT NULL,
  display TEXT NOT NULL,
  match TEXT NOT NULL,
  incident_id INTEGER,
  call_id INTEGER,
  nearest TEXT NOT NULL DEFAULT '[]',
  dispatch_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX vision_plate_alerts_created ON vision_plate_alerts(created_ms);
)SQL"},
};

constexpr const char* kReadColumns =
    "id, camera_id, seen_ms, plate, display, raw, rows_count, vehicle_kind, colour, confidence, frames, box, "
    "crop IS NOT NULL";

StoredRead ReadRow(const Row& r) {
    StoredRead s;
    s.id = r.Int(0);
    s.camera_id = r.Text(1);
    s.seen_at = FromUnixMillis(r.Int(2));
    s.plate = r.Text(3);
    s.display = r.Text(4);
    s.raw = r.Text(5);
    s.rows = static_cast<int>(r.Int(6));
    s.vehicle_kind = r.Text(7);
    s.colour = r.Text(8);
    s.confidence = r.Real(9);
    s.frames = static_cast<int>(r.Int(10));
    const Json box = Json::parse(r.Text(11), nullptr, false);
    if (box.is_object()) {
        s.box = Box{box.value("x", 0), box.value("y", 0), box.value("width", 0), box.value("height", 0)};
    }
    s.has_crop = r.Int(12) != 0;
    return s;
}

constexpr const char* kWatchColumns =
    "id, kind, value, reason, legal_basis, owner, category, created_by, created_ms, expires_ms, revoked_ms, "
    "revoked_by";

WatchEntry WatchRow(const Row& r, TimePoint now) {
    WatchEntry w;
    w.id = r.Int(0);
    w.kind = r.Text(1);
    w.value = r.Text(2);
    w.reason = r.Text(3);
    w.legal_basis = r.Text(4);
    w.owner = r.Text(5);
    w.category = r.Text(6);
    w.created_by = r.Text(7);
    w.created_at = FromUnixMillis(r.Int(8));
    w.expires_at = FromUnixMillis(r.Int(9));
    if (!r.IsNull(10)) w.revoked_at = FromUnixMillis(r.Int(10));
    w.revoked_by = r.Text(11);
    w.active = !w.revoked_at && w.expires_at > now;
    return w;
}

// A validated plate pattern as SQL LIKE (escape '\'): '*' -> '%', '?' -> '_'. Plate characters need no escape.
std::string LikeOf(const std::string& pattern) {
    std::string out;
    for (char c : pattern) out += c == '*' ? '%' : c == '?' ? '_' : c;
    return out;
}

// The look-alike key of a pattern, keeping its wildcards.
std::string LookAlikePattern(const std::string& pattern) {
    std::string out;
    for (char c : pattern) {
        if (c == '*' || c == '?') out += c;
        else out += LookAlikeKey(std::string(1, c));
    }
    return out;
}

}  // namespace

Status PlateService::Migrate(storage::Database& db) { return storage::Migrate(db, "vision", kMigrations); }

void PlateService::SetCameras(std::vector<CameraInfo> cameras) {
    std::lock_guard lock(mutex_);
    cameras_ = std::move(cameras);
}

std::optional<CameraInfo> PlateService::Camera(const std::string& id) const {
    std::lock_guard lock(mutex_);
    for (const auto& c : cameras_) {
        if (c.id == id) return c;
    }
    return std::nullopt;
}

Result<StoredRead> PlateService::Ingest(const IncomingRead& in) {
    const TimePoint now = clock_.Now();
    const Json box{{"x", in.box.x}, {"y", in.box.y}, {"width", in.box.width}, {"height", in.box.height}};
    storage::Value crop = in.crop_jpeg.empty() ? storage::Value() : storage::Value(storage::Blob{in.crop_jpeg});
    auto rows = db_.Query(
        "INSERT INTO vision_plate_reads (camera_id, seen_ms, plate, look_alike, display, raw, rows_count, vehicle_kind, "
        "colour, confidence, frames, box, crop, expires_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        {in.camera_id, ToUnixMillis(in.seen_at), in.plate.text, LookAlikeKey(in.plate.text), in.plate.display, in.raw,
         in.plate.rows, std::string(PlateKindName(in.plate.kind)), in.colour, in.confidence, in.frames, box.dump(),
         std::move(crop), ToUnixMillis(now + settings_.retention)});
    if (!rows) return Fail(rows.error());
    StoredRead stored;
    stored.id = rows->front().Int(0);
    stored.camera_id = in.camera_id;
    stored.seen_at = in.seen_at;
    stored.plate = in.plate.text;
    stored.display = in.plate.display;
    stored.raw = in.raw;
    stored.rows = in.plate.rows;
    stored.vehicle_kind = std::string(PlateKindName(in.plate.kind));
    stored.colour = in.colour;
    stored.confidence = in.confidence;
    stored.frames = in.frames;
    stored.box = in.box;
    stored.has_crop = !in.crop_jpeg.empty();

    auto watch = ActiveWatch();
    if (!watch) return Fail(watch.error());
    const std::string key = LookAlikeKey(in.plate.text);
    bool alerted = false;
    for (const auto& w : *watch) {
        std::string match;
        if (w.kind == "plate") {
            if (w.value == in.plate.text) match = "exact";
            else if (LookAlikeKey(w.value) == key) match = "look-alike";
        } else if (MatchesPlatePattern(w.value, in.plate.text, true)) {
            match = "pattern";
        }
        if (match.empty()) continue;
        RaiseAlert(stored, w, match, in.crop_jpeg);
        alerted = true;
    }
    if (alerted) {
        // The evidence of an alert outlives the ordinary retention.
        auto kept = db_.Execute("UPDATE vision_plate_reads SET expires_ms = ? WHERE id = ?",
                                {ToUnixMillis(now + settings_.alert_retention), stored.id});
        if (!kept) return Fail(kept.error());
    }
    return stored;
}

Result<std::vector<WatchEntry>> PlateService::ActiveWatch() {
    const TimePoint now = clock_.Now();
    auto rows = db_.Query(fmt::format("SELECT {} FROM vision_plate_watch WHERE revoked_ms IS NULL AND expires_ms > ? "
                                      "ORDER BY id",
                                      kWatchColumns),
                          {ToUnixMillis(now)});
    if (!rows) return Fail(rows.error());
    std::vector<WatchEntry> out;
    for (const auto& r : *rows) out.push_back(WatchRow(r, now));
    return out;
}

Alert PlateService::RaiseAlert(const StoredRead& read, const WatchEntry& w, const std::string& match,
                               const std::vector<std::uint8_t>& crop) {
    Alert a;
    a.read_id = read.id;
    a.watch_id = w.id;
    a.created_at = clock_.Now();
    a.camera_id = read.camera_id;
    a.plate = read.plate;
    a.display = read.display;
    a.match = match;
    a.reason = w.reason;
    a.legal_basis = w.legal_basis;
    a.owner = w.owner;
    const auto camera = Camera(read.camera_id);
    a.camera_name = camera ? camera->name : read.camera_id;
    auto inserted = db_.Query(
        "INSERT INTO vision_plate_alerts (read_id, watch_id, created_ms, camera_id, plate, display, match) "
        "VALUES (?,?,?,?,?,?,?) RETURNING id",
        {a.read_id, a.watch_id, ToUnixMillis(a.created_at), a.camera_id, a.plate, a.display, a.match});
    if (inserted && !inserted->empty()) a.id = inserted->front().Int(0);

    if (dispatch_ == nullptr) {
        a.dispatch_error = "dispatch is not running";
    } else {
        dispatch::ChannelCall call;
        call.line = settings_.dispatch_line;
        call.channel = "camera";
        call.category = w.category;
        const std::string how = match == "exact" ? "khớp chính xác / exact match"
                                : match == "look-alike" ? "khớp gần đúng (ký tự dễ nhầm) / look-alike match"
                                                        : "khớp mẫu / pattern match";
        call.description = fmt::format(
            "Camera {} phát hiện biển số {} trong danh sách theo dõi ({}). Lý do: {}. Căn cứ: {}. Phụ trách: {}. / "
            "Camera {} read watchlisted plate {} ({}). Reason: {}. Legal basis: {}. Owner: {}.",
            a.camera_name, a.display, how, w.reason, w.legal_basis, w.owner, a.camera_name, a.display, how, w.reason,
            w.legal_basis, w.owner);
        call.address = camera ? fmt::format("Camera {} ({})", camera->name, camera->id) : "";
        if (camera && camera->latitude && camera->longitude) {
            call.latitude = camera->latitude;
            call.longitude = camera->longitude;
        }
        call.recommend = settings_.recommend_units;
        call.client_ref = fmt::format("plate-alert-{}", a.id);
        auto raised = dispatch_->Raise(call);
        if (raised) {
            a.call_id = raised->call_id;
            a.incident_id = raised->incident_id;
            a.nearest = raised->nearest;
        } else {
            a.dispatch_error = raised.error().message;
        }
        if (a.id != 0) {
            (void)db_.Execute(
                "UPDATE vision_plate_alerts SET incident_id = ?, call_id = ?, nearest = ?, dispatch_error = ? "
                "WHERE id = ?",
                {a.incident_id, a.call_id, NearUnitsJson(a.nearest).dump(), a.dispatch_error, a.id});
        }
    }
    // The stored alert's JSON, plus what only the live event carries: the read's time and confidence, the crop.
    Json event = AlertJson(a);
    event["seen_at"] = FormatTime(read.seen_at);
    event["confidence"] = read.confidence;
    event["crop_jpeg_base64"] = crop.empty() ? Json(nullptr) : Json(Base64Encode(crop));
    if (camera && camera->latitude) {
        event["camera"]["latitude"] = *camera->latitude;
        event["camera"]["longitude"] = *camera->longitude;
    }
    bus_.Publish(std::string(kAlertTopic), std::move(event));
    return a;
}

Result<std::vector<StoredRead>> PlateService::Search(const ReadQuery& q) {
    std::string sql = fmt::format("SELECT {} FROM vision_plate_reads WHERE 1 = 1", kReadColumns);
    storage::Params params;
    if (!q.pattern.empty()) {
        if (q.look_alike) {
            sql += " AND (plate LIKE ? OR look_alike LIKE ?)";
            params.emplace_back(LikeOf(q.pattern));
            params.emplace_back(LikeOf(LookAlikePattern(q.pattern)));
        } else {
            sql += " AND plate LIKE ?";
            params.emplace_back(LikeOf(q.pattern));
        }
    }
    if (!q.camera_id.empty()) {
        sql += " AND camera_id = ?";
        params.emplace_back(q.camera_id);
    }
    if (q.from) {
        sql += " AND seen_ms >= ?";
        params.emplace_back(ToUnixMillis(*q.from));
    }
    if (q.to) {
        sql += " AND seen_ms < ?";
        params.emplace_back(ToUnixMillis(*q.to));
    }
    sql += " ORDER BY seen_ms DESC, id DESC LIMIT ?";
    params.emplace_back(std::clamp(q.limit, 1, 500));
    auto rows = db_.Query(sql, params);
    if (!rows) return Fail(rows.error());
    std::vector<StoredRead> out;
    for (const auto& r : *rows) {
        StoredRead s = ReadRow(r);
        // LIKE is a prefilter (and case-insensitive); the grammar's matcher decides.
        if (!q.pattern.empty()) {
            if (MatchesPlatePattern(q.pattern, s.plate, false)) s.match = "exact";
            else if (q.look_alike && MatchesPlatePattern(q.pattern, s.plate, true)) s.match = "look-alike";
            else continue;
        }
        out.push_back(std::move(s));
    }
    return out;
}

Result<std::vector<std::uint8_t>> PlateService::Crop(std::int64_t read_id) {
    auto rows = db_.Query("SELECT crop FROM vision_plate_reads WHERE id = ?", {read_id});
    if (!rows) return Fail(rows.error());
    if (rows->empty() || rows->front().IsNull(0)) {
        return Fail(ErrorCode::kNotFound, "read: no such read, or it has no crop", "id");
    }
    const auto& v = rows->front()[0].variant();
    if (const auto* blob = std::get_if<storage::Blob>(&v)) return blob->bytes;
    const std::string text = rows->front().Text(0);
    return std::vector<std::uint8_t>(text.begin(), text.end());
}

Result<std::int64_t> PlateService::Purge() {
    return db_.Execute("DELETE FROM vision_plate_reads WHERE expires_ms <= ?", {ToUnixMillis(clock_.Now())});
}

Result<WatchEntry> PlateService::AddWatch(const NewWatchEntry& e, const auth::Actor& actor) {
    const TimePoint now = clock_.Now();
    WatchEntry w;
    if (e.plate.empty() == e.pattern.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "plate or pattern: give exactly one", "plate");
    }
    if (!e.plate.empty()) {
        auto plate = ReadPlate(e.plate);
        if (!plate || plate->corrections > 0) {
            return Fail(ErrorCode::kInvalidArgument,
                        "plate: không phải biển số Việt Nam hợp lệ / not a valid Vietnamese plate", "plate");
        }
        w.kind = "plate";
        w.value = plate->text;
    } else {
        auto pattern = ValidatePlatePattern(e.pattern);
        if (!pattern) return Fail(pattern.error());
        w.kind = "pattern";
        w.value = *pattern;
    }
    auto text = [](const std::string& v, const char* field, std::size_t max) -> Status {
        if (v.empty() || v.size() > max) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: required, 1 to {} bytes", field, max), field);
        }
        return Ok();
    };
    if (auto s = text(e.reason, "reason", 1000); !s) return Fail(s.error());
    if (auto s = text(e.legal_basis, "legal_basis", 1000); !s) return Fail(s.error());
    if (auto s = text(e.owner, "owner", 200); !s) return Fail(s.error());
    if (auto s = text(e.category, "category", 40); !s) return Fail(s.error());
    if (e.expires_at <= now) return Fail(ErrorCode::kInvalidArgument, "expires_at: must be in the future", "expires_at");
    if (e.expires_at > now + std::chrono::hours(24 * 366)) {
        return Fail(ErrorCode::kInvalidArgument, "expires_at: at most one year ahead; renew the entry after review",
                    "expires_at");
    }
    w.reason = e.reason;
    w.legal_basis = e.legal_basis;
    w.owner = e.owner;
    w.category = e.category;
    w.created_by = actor.username;
    w.created_at = now;
    w.expires_at = e.expires_at;
    w.active = true;
    std::vector<auth::AuditRecord> records;
    auto out = db_.Transact([&](Connection& c) -> Result<WatchEntry> {
        auto rows = c.Query(
            "INSERT INTO vision_plate_watch (kind, value, reason, legal_basis, owner, category, created_by, created_ms, "
            "expires_ms) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
            {w.kind, w.value, w.reason, w.legal_basis, w.owner, w.category, w.created_by, ToUnixMillis(now),
             ToUnixMillis(w.expires_at)});
        if (!rows) return Fail(rows.error());
        w.id = rows->front().Int(0);
        const Json detail{{"kind", w.kind},           {"value", w.value}, {"reason", w.reason},
                          {"legal_basis", w.legal_basis}, {"owner", w.owner}, {"category", w.category},
                          {"expires_at", FormatTime(w.expires_at)}};
        auth::AuditEntry a{actor.username, actor.role, "plates.watch.add", fmt::format("plate-watch:{}", w.id),
                           w.reason, actor.source_ip, actor.request_id, detail.dump()};
        auto rec = audit_.AppendIn(c, a);
        if (!rec) return Fail(rec.error());
        records.push_back(*rec);
        return w;
    });
    for (const auto& r : records) audit_.Announce(r);
    return out;
}

Result<WatchEntry> PlateService::RevokeWatch(std::int64_t id, const std::string& why, const auth::Actor& actor) {
    if (why.empty() || why.size() > 1000) {
        return Fail(ErrorCode::kInvalidArgument, "reason: required, 1 to 1000 bytes", "reason");
    }
    const TimePoint now = clock_.Now();
    std::vector<auth::AuditRecord> records;
    auto out = db_.Transact([&](Connection& c) -> Result<WatchEntry> {
        auto rows = c.Query(fmt::format("SELECT {} FROM vision_plate_watch WHERE id = ?", kWatchColumns), {id});
        if (!rows) return Fail(rows.error());
        if (rows->empty()) return Fail(ErrorCode::kNotFound, "watchlist entry: not found", "id");
        WatchEntry w = WatchRow(rows->front(), now);
        if (w.revoked_at) return Fail(ErrorCode::kConflict, "watchlist entry: already revoked", "id");
        auto changed = c.Execute(
            "UPDATE vision_plate_watch SET revoked_ms = ?, revoked_by = ?, revoked_why = ? WHERE id = ?",
            {ToUnixMillis(now), actor.username, why, id});
        if (!changed) return Fail(changed.error());
        w.revoked_at = now;
        w.revoked_by = actor.username;
        w.active = false;
        auth::AuditEntry a{actor.username, actor.role, "plates.watch.revoke", fmt::format("plate-watch:{}", id), why,
                           actor.source_ip, actor.request_id, Json{{"value", w.value}}.dump()};
        auto rec = audit_.AppendIn(c, a);
        if (!rec) return Fail(rec.error());
        records.push_back(*rec);
        return w;
    });
    for (const auto& r : records) audit_.Announce(r);
    return out;
}

Result<std::vector<WatchEntry>> PlateService::Watchlist(bool include_inactive) {
    const TimePoint now = clock_.Now();
    std::string sql = fmt::format("SELECT {} FROM vision_plate_watch", kWatchColumns);
    storage::Params params;
    if (!include_inactive) {
        sql += " WHERE revoked_ms IS NULL AND expires_ms > ?";
        params.emplace_back(ToUnixMillis(now));
    }
    sql += " ORDER BY id DESC LIMIT 1000";
    auto rows = db_.Query(sql, params);
    if (!rows) return Fail(rows.error());
    std::vector<WatchEntry> out;
    for (const auto& r : *rows) out.push_back(WatchRow(r, now));
    return out;
}

Result<std::vector<Alert>> PlateService::Alerts(int limit) {
    auto rows = db_.Query(
        "SELECT a.id, a.read_id, a.watch_id, a.created_ms, a.camera_id, a.plate, a.display, a.match, a.incident_id, "
        "a.call_id, a.nearest, a.dispatch_error, w.reason, w.legal_basis, w.owner FROM vision_plate_alerts a "
        "JOIN vision_plate_watch w ON w.id = a.watch_id ORDER BY a.id DESC LIMIT ?",
        {std::clamp(limit, 1, 500)});
    if (!rows) return Fail(rows.error());
    std::vector<Alert> out;
    for (const auto& r : *rows) {
        Alert a;
        a.id = r.Int(0);
        a.read_id = r.Int(1);
        a.watch_id = r.Int(2);
        a.created_at = FromUnixMillis(r.Int(3));
        a.camera_id = r.Text(4);
        const auto camera = Camera(a.camera_id);
        a.camera_name = camera ? camera->name : a.camera_id;
        a.plate = r.Text(5);
        a.display = r.Text(6);
        a.match = r.Text(7);
        if (!r.IsNull(8)) a.incident_id = r.Int(8);
        if (!r.IsNull(9)) a.call_id = r.Int(9);
        const Json nearest = Json::parse(r.Text(10), nullptr, false);
        if (nearest.is_array()) {
            for (const auto& u : nearest) {
                a.nearest.push_back(dispatch::NearUnit{u.value("unit_id", std::int64_t{0}), u.value("call_sign", ""),
                                                       u.value("eta_s", 0.0), u.value("distance_m", 0.0)});
            }
        }
        a.dispatch_error = r.Text(11);
        a.reason = r.Text(12);
        a.legal_basis = r.Text(13);
        a.owner = r.Text(14);
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace precinct::vision
