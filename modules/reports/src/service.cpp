#include "service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/crypto.hpp"
#include "json_codec.hpp"
#include "schema.hpp"
#include "tracking_code.hpp"

namespace precinct::reports {
namespace {

using storage::Connection;
using storage::Params;
using storage::Row;
using storage::Value;

std::optional<TimePoint> OptTime(const Row& r, std::size_t i) {
    if (r.IsNull(i)) return std::nullopt;
    return FromUnixMillis(r.Int(i));
}

constexpr std::string_view kColumns =
    "id, code, category, description, lat, lon, address, occurred_ms, status, status_reason, anonymous, "
    "contact_name, contact_phone, contact_email, unit_id, unit_reason_vi, unit_reason_en, assigned_to, channel, "
    "language, received_ms, due_ms, updated_ms, resolved_ms, closed_ms, duplicate_of, suggestions, lookup_hash";

Report ReadReport(const Row& r) {
    Report x;
    x.id = r.Int(0);
    x.code = r.Text(1);
    x.category = r.Text(2);
    x.description = r.Text(3);
    if (!r.IsNull(4) && !r.IsNull(5)) x.point = GeoPoint{r.Real(4), r.Real(5)};
    x.address = r.Text(6);
    x.occurred_at = OptTime(r, 7);
    x.status = ParseReportStatus(r.Text(8)).value_or(ReportStatus::kReceived);
    x.status_reason = r.Text(9);
    x.anonymous = r.Int(10) != 0;
    x.name = r.Text(11);
    x.phone = r.Text(12);
    x.email = r.Text(13);
    x.unit_id = r.Text(14);
    x.unit_reason_vi = r.Text(15);
    x.unit_reason_en = r.Text(16);
    x.assigned_to = r.Text(17);
    x.channel = r.Text(18);
    x.language = r.Text(19);
    x.received_at = FromUnixMillis(r.Int(20));
    x.due_at = FromUnixMillis(r.Int(21));
    x.updated_at = FromUnixMillis(r.Int(22));
    x.resolved_at = OptTime(r, 23);
    x.closed_at = OptTime(r, 24);
    if (!r.IsNull(25)) x.duplicate_of = r.Int(25);
    auto j = Json::parse(r.Text(26), nullptr, false);
    if (j.is_array()) {
        for (const auto& s : j) {
            x.suggestions.push_back(Suggestion{s.value("id", std::int64_t{0}), s.value("distance_m", 0.0),
                                               s.value("age_h", 0.0), s.value("reason_vi", ""),
                                               s.value("reason_en", "")});
        }
    }
    return x;
}

Error NotFound(std::int64_t id) {
    return Error{ErrorCode::kNotFound, fmt::format("report {} does not exist", id), "", 0};
}

Error LookupMiss() {
    // The same answer for an unknown code, a mistyped one and a wrong secret: nothing to learn from it.
    return Error{ErrorCode::kNotFound, "no report matches this code and secret", "code", 0};
}

std::string LookupHash(std::string_view code, std::string_view secret) {
    return Sha256Hex(fmt::format("precinct-report-lookup|{}|{}", code, secret));
}

bool IsOpen(ReportStatus s) {
    return s != ReportStatus::kResolved && s != ReportStatus::kRejected && s != ReportStatus::kClosed;
}

}  // namespace

std::string LookupSecret(const std::string& phone, const std::string& secret) {
    if (!phone.empty()) {
        std::string digits;
        for (char c : phone) {
            if (c >= '0' && c <= '9') digits.push_back(c);
        }
        return digits.size() >= 4 ? digits.substr(digits.size() - 4) : digits;
    }
    return secret;
}

ReportsService::ReportsService(storage::Database& db, Bus& bus, const Clock& clock, auth::AuditLog& audit,
                               Catalogue catalogue, HolidayCalendar holidays, StationList stations,
                               std::optional<WardMap> wards, ServiceSettings settings)
    : db_(db),
      bus_(bus),
      clock_(clock),
      audit_(audit),
      catalogue_(std::move(catalogue)),
      holidays_(std::move(holidays)),
      stations_(std::move(stations)),
      wards_(std::move(wards)),
      settings_(settings) {}

Status ReportsService::Migrate(storage::Database& db) { return storage::Migrate(db, "reports", Migrations()); }

Status ReportsService::Audit(Connection& c, std::vector<auth::AuditRecord>& out, const Actor& actor,
                             const std::string& action, std::int64_t id, const Json& detail) {
    auth::AuditEntry e;
    e.actor = actor.username;
    e.role = actor.role;
    e.action = action;
    e.target = fmt::format("report:{}", id);
    e.source_ip = actor.source_ip;
    e.request_id = actor.request_id;
    e.detail = detail.dump();
    auto record = audit_.AppendIn(c, e);
    if (!record) return Fail(record.error());
    out.push_back(std::move(*record));
    return Ok();
}

void ReportsService::Announce(const std::vector<auth::AuditRecord>& records) {
    for (const auto& r : records) audit_.Announce(r);
}

Status ReportsService::AddEvent(Connection& c, std::int64_t id, const std::string& kind, const std::string& actor,
                                const std::string& from, const std::string& to, const std::string& text,
                                bool is_public) {
    auto r = c.Execute(
        "INSERT INTO report_events (report_id, at_ms, kind, actor, from_status, to_status, text, public) "
        "VALUES (?,?,?,?,?,?,?,?)",
        {id, ToUnixMillis(clock_.Now()), kind, actor, from, to, text, is_public});
    if (!r) return Fail(r.error());
    return Ok();
}

Status ReportsService::Enqueue(Connection& c, std::int64_t id, ReportStatus status, const std::string& vi,
                               const std::string& en) {
    const auto now = ToUnixMillis(clock_.Now());
    auto r = c.Execute(
        "INSERT INTO report_outbox (report_id, status, text_vi, text_en, created_ms, next_ms) VALUES (?,?,?,?,?,?)",
        {id, ReportStatusCode(status), vi, en, now, now});
    if (!r) return Fail(r.error());
    return Ok();
}

Result<Report> ReportsService::Load(Connection& c, std::int64_t id, bool history) {
    auto rows = c.Query(fmt::format("SELECT {} FROM reports WHERE id = ?", kColumns), {id});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(NotFound(id));
    Report r = ReadReport(rows->front());
    auto photos = c.Query("SELECT id FROM report_photos WHERE report_id = ? ORDER BY id", {id});
    if (!photos) return Fail(photos.error());
    for (const auto& p : *photos) r.photo_ids.push_back(p.Int(0));
    if (history) {
        auto events = c.Query(
            "SELECT id, at_ms, kind, actor, from_status, to_status, text, public FROM report_events "
            "WHERE report_id = ? ORDER BY id",
            {id});
        if (!events) return Fail(events.error());
        for (const auto& e : *events) {
            r.history.push_back(ReportEvent{e.Int(0), FromUnixMillis(e.Int(1)), e.Text(2), e.Text(3), e.Text(4),
                                            e.Text(5), e.Text(6), e.Int(7) != 0});
        }
    }
    return r;
}

void ReportsService::Publish(std::string_view type, const Report& r) {
    bus_.Publish(std::string(kTopic), Json{{"type", type}, {"report", ReportSummaryJson(r, DueStateOf(r))}});
}

double ReportsService::DueSoonHours(TimePoint received, TimePoint due) const {
    // A share of the period at most (a quarter by default): a 24-hour target is not "due soon" when it is filed.
    const double period_h = std::chrono::duration<double, std::ratio<3600>>(due - received).count();
    return std::min(settings_.due_soon_hours, std::max(0.0, period_h * settings_.due_soon_fraction));
}

DueState ReportsService::DueStateOf(const Report& r) const {
    if (!IsOpen(r.status)) return DueState::kOnTrack;
    return Classify(r.due_at, clock_.Now(), DueSoonHours(r.received_at, r.due_at));
}

// ---------------------------------------------------------------- filing

Result<FiledReport> ReportsService::File(const NewReport& in, const Actor& actor) {
    const Category* category = catalogue_.Find(in.category);
    if (!category) {
        return Fail(ErrorCode::kInvalidArgument, "category: unknown category; see GET /api/v1/reports/categories",
                    "category");
    }
    if (in.anonymous && !category->anonymous_allowed) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("anonymous: category {} needs a contact (only denunciations and tip-offs may be "
                                "anonymous)",
                                category->code),
                    "anonymous");
    }
    std::optional<GeoPoint> point = in.point;
    if (!point && in.share_photo_location) {
        for (const auto& p : in.photos) {
            if (p.gps_lat && p.gps_lon) {
                point = GeoPoint{*p.gps_lat, *p.gps_lon};
                break;
            }
        }
    }
    if (!point && in.address.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "location: give a point on the map (lat, lon) or an address",
                    "location");
    }
    const std::string secret = LookupSecret(in.phone, in.secret);
    if (secret.size() < 4) {
        return Fail(ErrorCode::kInvalidArgument,
                    "secret: without a phone number, choose a secret of 4 to 12 digits to look the report up",
                    "secret");
    }
    const auto now = clock_.Now();
    const TimePoint due = DueAt(now, category->deadline, holidays_);
    auto route = Route(*category, point, std::nullopt, stations_, wards_ ? &*wards_ : nullptr);

    // Possible duplicates: open reports of the same category close by and recent.
    std::vector<Suggestion> suggestions;
    if (point) {
        // A box around the point (a degree of latitude is 111 km; longitude shrinks with cos(lat)), served by the
        // partial index on open reports by category and place; FindDuplicates measures properly.
        const double dlat = settings_.duplicate_radius_m / 111'000.0 * 1.5;
        const double dlon = dlat / std::max(0.1, std::cos(point->lat * 3.14159265358979 / 180));
        auto open = db_.Query(
            "SELECT id, lat, lon, received_ms FROM reports WHERE category = ? AND lat BETWEEN ? AND ? AND lon BETWEEN "
            "? "
            "AND ? AND status NOT IN ('resolved', 'rejected', 'closed') AND received_ms >= ? ORDER BY id DESC LIMIT "
            "500",
            {category->code, point->lat - dlat, point->lat + dlat, point->lon - dlon, point->lon + dlon,
             ToUnixMillis(now - settings_.duplicate_window)});
        if (!open) return Fail(open.error());
        std::vector<OpenReport> candidates;
        for (const auto& r : *open) {
            candidates.push_back(OpenReport{std::to_string(r.Int(0)), category->code, GeoPoint{r.Real(1), r.Real(2)},
                                            FromUnixMillis(r.Int(3)), ReportStatus::kReceived});
        }
        for (const auto& hint : FindDuplicates(*category, *point, now, candidates, settings_.duplicate_radius_m,
                                               settings_.duplicate_window)) {
            suggestions.push_back(Suggestion{std::stoll(hint.report_id), hint.distance_m,
                                             std::chrono::duration<double>(hint.time_apart).count() / 3600.0,
                                             hint.reason_vi, hint.reason_en});
        }
    }
    Json sugg = Json::array();
    for (const auto& s : suggestions) {
        sugg.push_back({{"id", s.id},
                        {"distance_m", s.distance_m},
                        {"age_h", s.age_h},
                        {"reason_vi", s.reason_vi},
                        {"reason_en", s.reason_en}});
    }

    std::vector<auth::AuditRecord> audits;
    FiledReport out;
    out.category = category;
    out.lookup_by_phone = !in.phone.empty();
    out.received_at = now;
    out.due_at = due;
    auto result = db_.Transact([&](Connection& c) -> Result<std::int64_t> {
        // A fresh code; a clash (2^-50 per pair) is simply drawn again.
        std::string code;
        for (int i = 0; i < 5; ++i) {
            code = NewTrackingCode();
            auto taken = c.Query("SELECT 1 FROM reports WHERE code = ?", {code});
            if (!taken) return Fail(taken.error());
            if (taken->empty()) break;
        }
        Params p{code,
                 category->code,
                 in.description,
                 point ? Value(point->lat) : Value(),
                 point ? Value(point->lon) : Value(),
                 in.address,
                 in.occurred_at ? Value(ToUnixMillis(*in.occurred_at)) : Value(),
                 ReportStatusCode(ReportStatus::kReceived),
                 in.anonymous,
                 in.anonymous ? std::string() : in.name,
                 in.anonymous ? std::string() : in.phone,
                 in.anonymous ? std::string() : in.email,
                 LookupHash(code, secret),
                 route ? route->station.id : std::string(),
                 route ? route->reason_vi : std::string(),
                 route ? route->reason_en : std::string(),
                 in.channel,
                 in.language,
                 ToUnixMillis(now),
                 ToUnixMillis(due),
                 ToUnixMillis(now),
                 sugg.dump()};
        auto rows = c.Query(
            "INSERT INTO reports (code, category, description, lat, lon, address, occurred_ms, status, anonymous, "
            "contact_name, contact_phone, contact_email, lookup_hash, unit_id, unit_reason_vi, unit_reason_en, "
            "channel, language, received_ms, due_ms, updated_ms, suggestions) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            p);
        if (!rows) return Fail(rows.error());
        const auto id = rows->front().Int(0);
        for (const auto& photo : in.photos) {
            storage::Blob blob;
            blob.bytes.assign(photo.jpeg.begin(), photo.jpeg.end());
            auto r = c.Execute(
                "INSERT INTO report_photos (report_id, jpeg, width, height, source_format, created_ms) "
                "VALUES (?,?,?,?,?,?)",
                {id, std::move(blob), photo.width, photo.height, photo.source_format, ToUnixMillis(now)});
            if (!r) return Fail(r.error());
        }
        if (auto s = AddEvent(c, id, "filed", in.anonymous ? "anonymous" : "citizen", "", "received",
                              in.channel == "open311" ? "Open311" : "", true);
            !s) {
            return Fail(s.error());
        }
        if (auto s = Audit(c, audits, actor, "reports.create", id,
                           Json{{"category", category->code},
                                {"channel", in.channel},
                                {"anonymous", in.anonymous},
                                {"photos", in.photos.size()},
                                {"unit", route ? route->station.id : std::string()}});
            !s) {
            return Fail(s.error());
        }
        if (!in.anonymous && (!in.phone.empty() || !in.email.empty())) {
            if (auto s = Enqueue(c, id, ReportStatus::kReceived,
                                 fmt::format("Công an đã tiếp nhận phản ánh {} của bạn. Hạn xử lý: {}.",
                                             FormatTrackingCode(code), FormatLocalVi(due)),
                                 fmt::format("The police received your report {}. Due by {}.", FormatTrackingCode(code),
                                             FormatLocalEn(due)));
                !s) {
                return Fail(s.error());
            }
        }
        out.code = code;
        out.unit_id = route ? route->station.id : std::string();
        return id;
    });
    if (!result) return Fail(result.error());
    out.id = *result;
    Announce(audits);
    // The summary needs no history: one read, not the full detail.
    if (auto r = db_.Read([&](Connection& c) { return Load(c, out.id, false); })) Publish("report.created", *r);
    return out;
}

// ---------------------------------------------------------------- reading

Result<Report> ReportsService::Lookup(std::string_view code, std::string_view secret) {
    auto normalized = NormalizeTrackingCode(code);
    if (!normalized) return Fail(LookupMiss());
    auto rows = db_.Query("SELECT id, lookup_hash FROM reports WHERE code = ?", {*normalized});
    if (!rows) return Fail(rows.error());
    // Compare against a hash even when the code is unknown, so both take the same time.
    const std::string expected = rows->empty() ? std::string(64, '0') : rows->front().Text(1);
    const bool match = ConstantTimeEquals(expected, LookupHash(*normalized, secret));
    if (rows->empty() || !match) return Fail(LookupMiss());
    return db_.Read([&](Connection& c) { return Load(c, rows->front().Int(0), true); });
}

Result<Report> ReportsService::Get(std::int64_t id) {
    return db_.Read([&](Connection& c) { return Load(c, id, true); });
}

Result<Report> ReportsService::GetByCode(std::string_view normalized_code) {
    auto rows = db_.Query("SELECT id FROM reports WHERE code = ?", {std::string(normalized_code)});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kNotFound, "no such request", "service_request_id");
    return Get(rows->front().Int(0));
}

Result<std::string> ReportsService::Photo(std::int64_t report_id, std::int64_t photo_id) {
    auto rows = db_.Query("SELECT jpeg FROM report_photos WHERE id = ? AND report_id = ?", {photo_id, report_id});
    if (!rows) return Fail(rows.error());
    if (rows->empty())
        return Fail(ErrorCode::kNotFound, fmt::format("photo {} of report {} does not exist", photo_id, report_id));
    const auto& v = rows->front()[0].variant();
    if (const auto* blob = std::get_if<storage::Blob>(&v)) return std::string(blob->bytes.begin(), blob->bytes.end());
    return rows->front().Text(0);
}

Result<std::vector<Report>> ReportsService::List(const ReportFilter& f, int* total) {
    std::string where = "WHERE 1 = 1";
    Params params;
    if (f.status) {
        where += " AND status = ?";
        params.push_back(ReportStatusCode(*f.status));
    }
    if (f.open_only || f.due) where += " AND status NOT IN ('resolved', 'rejected', 'closed')";
    if (!f.category.empty()) {
        where += " AND category = ?";
        params.push_back(f.category);
    }
    if (!f.unit_id.empty()) {
        where += " AND unit_id = ?";
        params.push_back(f.unit_id);
    }
    if (!f.channel.empty()) {
        where += " AND channel = ?";
        params.push_back(f.channel);
    }
    if (f.from) {
        where += " AND received_ms >= ?";
        params.push_back(ToUnixMillis(*f.from));
    }
    if (f.to) {
        where += " AND received_ms < ?";
        params.push_back(ToUnixMillis(*f.to));
    }
    if (!f.codes.empty()) {
        where += " AND code IN (";
        for (std::size_t i = 0; i < f.codes.size(); ++i) {
            where += i ? ",?" : "?";
            params.push_back(f.codes[i]);
        }
        where += ")";
    }
    const auto now = clock_.Now();
    if (f.due == DueState::kOverdue) {
        where += " AND due_ms < ?";
        params.push_back(ToUnixMillis(now));
    } else if (f.due == DueState::kDueSoon) {
        // The same rule as DueSoonHours: within due_soon_hours, and within the last share of the period.
        where += " AND due_ms >= ? AND due_ms - ? < MIN(?, (due_ms - received_ms) * ?)";
        params.push_back(ToUnixMillis(now));
        params.push_back(ToUnixMillis(now));
        params.push_back(static_cast<std::int64_t>(settings_.due_soon_hours * 3'600'000));
        params.push_back(settings_.due_soon_fraction);
    }
    return db_.Read([&](Connection& c) -> Result<std::vector<Report>> {
        auto count = c.Query(fmt::format("SELECT COUNT(*) FROM reports {}", where), params);
        if (!count) return Fail(count.error());
        if (total) *total = static_cast<int>(count->front().Int(0));
        Params page = params;
        page.push_back(f.limit);
        page.push_back(f.offset);
        auto rows = c.Query(fmt::format("SELECT {} FROM reports {} ORDER BY CASE WHEN status IN ('resolved', "
                                        "'rejected', 'closed') THEN 1 ELSE 0 END, due_ms, id LIMIT ? OFFSET ?",
                                        kColumns, where),
                            page);
        if (!rows) return Fail(rows.error());
        std::vector<Report> out;
        out.reserve(rows->size());
        for (const auto& r : *rows) out.push_back(ReadReport(r));
        // Which of them have photos, in one query.
        if (!out.empty()) {
            auto photos = c.Query(
                fmt::format("SELECT report_id, id FROM report_photos WHERE report_id IN (SELECT id FROM reports {} "
                            "ORDER BY CASE WHEN status IN ('resolved', 'rejected', 'closed') THEN 1 ELSE 0 END, "
                            "due_ms, id LIMIT ? OFFSET ?)",
                            where),
                page);
            if (!photos) return Fail(photos.error());
            std::map<std::int64_t, std::vector<std::int64_t>> by_report;
            for (const auto& p : *photos) by_report[p.Int(0)].push_back(p.Int(1));
            for (auto& r : out) r.photo_ids = by_report[r.id];
        }
        return out;
    });
}

// ---------------------------------------------------------------- workflow

Result<Report> ReportsService::ChangeStatus(std::int64_t id, ReportStatus to, const TransitionDetails& details,
                                            const Actor& actor) {
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<Report> {
        auto r = Load(c, id, false);
        if (!r) return Fail(r.error());
        if (auto s = CheckChange(r->status, to, details); !s) return Fail(s.error());
        const auto now = ToUnixMillis(clock_.Now());
        std::string reason = details.reason;
        if (to == ReportStatus::kForwarded && reason.empty()) reason = details.forwarded_to;
        auto u = c.Execute(
            "UPDATE reports SET status = ?, status_reason = ?, updated_ms = ?, "
            "resolved_ms = CASE WHEN ? = 'resolved' THEN ? WHEN ? = 'in_progress' THEN NULL ELSE resolved_ms END, "
            "closed_ms = CASE WHEN ? = 'closed' THEN ? ELSE closed_ms END WHERE id = ?",
            {ReportStatusCode(to), reason, now, ReportStatusCode(to), now, ReportStatusCode(to), ReportStatusCode(to),
             now, id});
        if (!u) return Fail(u.error());
        std::string text = details.reason;
        if (to == ReportStatus::kForwarded) {
            text = details.reason.empty() ? fmt::format("→ {}", details.forwarded_to)
                                          : fmt::format("→ {}: {}", details.forwarded_to, details.reason);
        }
        if (auto s = AddEvent(c, id, "status", actor.username, std::string(ReportStatusCode(r->status)),
                              std::string(ReportStatusCode(to)), text, true);
            !s) {
            return Fail(s.error());
        }
        if (auto s = Audit(c, audits, actor, "reports.status", id,
                           Json{{"from", ReportStatusCode(r->status)}, {"to", ReportStatusCode(to)}});
            !s) {
            return Fail(s.error());
        }
        if (!r->anonymous && (!r->phone.empty() || !r->email.empty())) {
            const std::string code = FormatTrackingCode(r->code);
            if (auto s = Enqueue(
                    c, id, to,
                    fmt::format("Phản ánh {}: {}{}", code, ReportStatusLabelVi(to), text.empty() ? "" : " — " + text),
                    fmt::format("Report {}: {}{}", code, ReportStatusLabelEn(to), text.empty() ? "" : " — " + text));
                !s) {
                return Fail(s.error());
            }
        }
        return Load(c, id, true);
    });
    if (!result) return result;
    Announce(audits);
    Publish("report.updated", *result);
    return result;
}

Result<ReportEvent> ReportsService::Reply(std::int64_t id, const std::string& text, const Actor& actor) {
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<Report> {
        auto r = Load(c, id, false);
        if (!r) return Fail(r.error());
        if (auto s = AddEvent(c, id, "reply", actor.username, "", "", text, true); !s) return Fail(s.error());
        auto u = c.Execute("UPDATE reports SET updated_ms = ? WHERE id = ?", {ToUnixMillis(clock_.Now()), id});
        if (!u) return Fail(u.error());
        if (auto s = Audit(c, audits, actor, "reports.reply", id, Json::object()); !s) return Fail(s.error());
        if (!r->anonymous && (!r->phone.empty() || !r->email.empty())) {
            const std::string code = FormatTrackingCode(r->code);
            if (auto s = Enqueue(c, id, r->status, fmt::format("Phản hồi về phản ánh {}: {}", code, text),
                                 fmt::format("Reply about report {}: {}", code, text));
                !s) {
                return Fail(s.error());
            }
        }
        return Load(c, id, true);
    });
    if (!result) return Fail(result.error());
    Announce(audits);
    Publish("report.updated", *result);
    return result->history.back();
}

Result<ReportEvent> ReportsService::Note(std::int64_t id, const std::string& text, const Actor& actor) {
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<Report> {
        auto r = Load(c, id, false);
        if (!r) return Fail(r.error());
        if (auto s = AddEvent(c, id, "note", actor.username, "", "", text, false); !s) return Fail(s.error());
        if (auto s = Audit(c, audits, actor, "reports.note", id, Json::object()); !s) return Fail(s.error());
        return Load(c, id, true);
    });
    if (!result) return Fail(result.error());
    Announce(audits);
    return result->history.back();
}

Result<Report> ReportsService::Assign(std::int64_t id, std::optional<std::string> unit_id,
                                      std::optional<std::string> officer, const Actor& actor) {
    if (unit_id && !stations_.Find(*unit_id)) {
        return Fail(ErrorCode::kInvalidArgument, "unit_id: unknown unit; see GET /api/v1/reports/units", "unit_id");
    }
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<Report> {
        auto r = Load(c, id, false);
        if (!r) return Fail(r.error());
        const std::string unit = unit_id.value_or(r->unit_id);
        const std::string who = officer.value_or(r->assigned_to);
        const bool moved = unit != r->unit_id;
        const std::string reason_vi = moved ? fmt::format("giao bởi {}", actor.username) : r->unit_reason_vi;
        const std::string reason_en = moved ? fmt::format("assigned by {}", actor.username) : r->unit_reason_en;
        auto u = c.Execute(
            "UPDATE reports SET unit_id = ?, assigned_to = ?, unit_reason_vi = ?, unit_reason_en = ?, updated_ms = ? "
            "WHERE id = ?",
            {unit, who, reason_vi, reason_en, ToUnixMillis(clock_.Now()), id});
        if (!u) return Fail(u.error());
        if (auto s = AddEvent(c, id, "assign", actor.username, "", "", fmt::format("{} {}", unit, who), false); !s) {
            return Fail(s.error());
        }
        if (auto s = Audit(c, audits, actor, "reports.assign", id, Json{{"unit_id", unit}, {"officer", who}}); !s) {
            return Fail(s.error());
        }
        return Load(c, id, true);
    });
    if (!result) return result;
    Announce(audits);
    Publish("report.updated", *result);
    return result;
}

Result<Report> ReportsService::MarkDuplicate(std::int64_t id, std::int64_t of, const Actor& actor) {
    if (id == of) return Fail(ErrorCode::kInvalidArgument, "of: a report cannot duplicate itself", "of");
    std::vector<auth::AuditRecord> audits;
    auto result = db_.Transact([&](Connection& c) -> Result<Report> {
        auto r = Load(c, id, false);
        if (!r) return Fail(r.error());
        auto other = Load(c, of, false);
        if (!other) {
            Error e = other.error();
            e.field = "of";
            return Fail(e);
        }
        const TransitionDetails details{fmt::format("Trùng với phản ánh {} / Duplicate of report {}",
                                                    FormatTrackingCode(other->code), FormatTrackingCode(other->code)),
                                        ""};
        // A duplicate is rejected with that reason, which the citizen sees.
        if (auto s = CheckChange(r->status, ReportStatus::kRejected, details); !s) return Fail(s.error());
        const auto now = ToUnixMillis(clock_.Now());
        auto u = c.Execute(
            "UPDATE reports SET status = 'rejected', status_reason = ?, duplicate_of = ?, updated_ms = ? WHERE id = ?",
            {details.reason, of, now, id});
        if (!u) return Fail(u.error());
        if (auto s = AddEvent(c, id, "duplicate", actor.username, std::string(ReportStatusCode(r->status)), "rejected",
                              details.reason, true);
            !s) {
            return Fail(s.error());
        }
        if (auto s = Audit(c, audits, actor, "reports.duplicate", id, Json{{"of", of}}); !s) return Fail(s.error());
        return Load(c, id, true);
    });
    if (!result) return result;
    Announce(audits);
    Publish("report.updated", *result);
    return result;
}

// ---------------------------------------------------------------- background work

Result<int> ReportsService::FlagDeadlines() {
    const auto now = clock_.Now();
    const auto soon = now + std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::duration<double, std::ratio<3600>>(settings_.due_soon_hours));
    auto rows = db_.Query(fmt::format("SELECT {} FROM reports WHERE status NOT IN ('resolved', 'rejected', 'closed') "
                                      "AND due_ms < ? ORDER BY due_ms LIMIT 1000",
                                      kColumns),
                          {ToUnixMillis(soon)});
    if (!rows) return Fail(rows.error());
    int flagged = 0;
    for (const auto& row : *rows) {
        Report r = ReadReport(row);
        const DueState state = Classify(r.due_at, now, DueSoonHours(r.received_at, r.due_at));
        if (state == DueState::kOnTrack) continue;
        const std::string mark(DueStateCode(state));
        auto u = db_.Execute("UPDATE reports SET flagged = ? WHERE id = ? AND flagged <> ?", {mark, r.id, mark});
        if (!u) return Fail(u.error());
        if (*u == 0) continue;  // already flagged in this state
        ++flagged;
        bus_.Publish(std::string(kDeadlinesTopic),
                     Json{{"type", state == DueState::kOverdue ? "report.overdue" : "report.due_soon"},
                          {"report", ReportSummaryJson(r, state)}});
    }
    return flagged;
}

Result<int> ReportsService::SendNotifications(Notifier& notifier) {
    int sent_total = 0;
    // Batches of 200 until the outbox is drained (or 10 batches), each batch's results written in one transaction.
    for (int batch = 0; batch < 10; ++batch) {
        const auto now = ToUnixMillis(clock_.Now());
        auto rows = db_.Query(
            "SELECT o.id, o.status, o.text_vi, o.text_en, o.attempts, r.code, r.contact_phone, r.contact_email "
            "FROM report_outbox o JOIN reports r ON r.id = o.report_id WHERE o.sent_ms IS NULL AND o.next_ms <= ? "
            "AND o.attempts < ? ORDER BY o.id LIMIT 200",
            {now, settings_.max_notification_attempts});
        if (!rows) return Fail(rows.error());
        if (rows->empty()) break;
        struct Outcome {
            std::int64_t id;
            std::int64_t attempts;
            std::optional<std::string> error;
        };
        std::vector<Outcome> outcomes;
        for (const auto& r : *rows) {
            Notification n{FormatTrackingCode(r.Text(5)), r.Text(1), r.Text(2), r.Text(3), r.Text(6), r.Text(7)};
            auto s = notifier.Notify(n);
            outcomes.push_back({r.Int(0), r.Int(4) + 1, s ? std::nullopt : std::optional(s.error().message)});
        }
        int sent = 0;
        auto written = db_.Transact([&](Connection& c) -> Status {
            for (const auto& o : outcomes) {
                if (!o.error) {
                    auto u = c.Execute("UPDATE report_outbox SET sent_ms = ?, attempts = ? WHERE id = ?",
                                       {now, o.attempts, o.id});
                    if (!u) return Fail(u.error());
                    ++sent;
                } else {
                    // Back off: 1, 2, 4 … minutes.
                    const auto wait_ms = 60'000LL << std::min<std::int64_t>(o.attempts - 1, 10);
                    auto u =
                        c.Execute("UPDATE report_outbox SET attempts = ?, next_ms = ?, last_error = ? WHERE id = ?",
                                  {o.attempts, now + wait_ms, *o.error, o.id});
                    if (!u) return Fail(u.error());
                    spdlog::warn("reports: notification {} not sent (attempt {}): {}", o.id, o.attempts, *o.error);
                }
            }
            return Ok();
        });
        if (!written) return Fail(written.error());
        sent_total += sent;
        if (rows->size() < 200) break;
    }
    return sent_total;
}

Result<ReportStats> ReportsService::Stats(TimePoint from, TimePoint to) {
    auto rows = db_.Query(
        "SELECT category, unit_id, status, received_ms, resolved_ms, due_ms, closed_ms FROM reports "
        "WHERE received_ms >= ? AND received_ms < ?",
        {ToUnixMillis(from), ToUnixMillis(to)});
    if (!rows) return Fail(rows.error());
    ReportStats s;
    s.from = from;
    s.to = to;
    std::map<std::string, int> cat, unit, status;
    std::vector<double> resolve_h;
    int overdue = 0;
    const auto now = ToUnixMillis(clock_.Now());
    for (const auto& r : *rows) {
        ++s.total;
        ++cat[r.Text(0)];
        ++unit[r.Text(1).empty() ? "unassigned" : r.Text(1)];
        ++status[r.Text(2)];
        const auto received = r.Int(3);
        const auto due = r.Int(5);
        if (!r.IsNull(4)) {
            resolve_h.push_back(static_cast<double>(r.Int(4) - received) / 3'600'000.0);
            if (r.Int(4) > due) ++overdue;
        } else {
            const bool open = r.Text(2) != "rejected" && r.Text(2) != "closed";
            if (open && now > due) ++overdue;
        }
    }
    s.by_category.assign(cat.begin(), cat.end());
    s.by_unit.assign(unit.begin(), unit.end());
    s.by_status.assign(status.begin(), status.end());
    if (!resolve_h.empty()) {
        std::sort(resolve_h.begin(), resolve_h.end());
        s.median_resolve_h = resolve_h[(resolve_h.size() - 1) / 2];
    }
    s.share_overdue = s.total ? static_cast<double>(overdue) / s.total : 0;
    return s;
}

}  // namespace precinct::reports
