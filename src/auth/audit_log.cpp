#include "auth/audit_log.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"

namespace precinct::auth {
namespace {

const std::vector<storage::Migration> kSqliteMigrations = {
    {1, "audit log with append-only triggers",
     "CREATE TABLE audit_log ("
     " seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,"
     " action TEXT NOT NULL, target TEXT NOT NULL, purpose TEXT NOT NULL, source_ip TEXT NOT NULL,"
     " request_id TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"},
};

constexpr const char* kColumns =
    "seq, at, actor, role, action, target, purpose, source_ip, request_id, detail, prev_hash, hash";

AuditRecord FromRow(const storage::Row& r) {
    AuditRecord rec;
    rec.seq = r.Int(0);
    rec.at = r.Text(1);
    rec.entry = AuditEntry{r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8), r.Text(9)};
    rec.prev_hash = r.Text(10);
    rec.hash = r.Text(11);
    return rec;
}

// Fields are length-prefixed so that no choice of field contents can make two entries hash alike.
void AppendField(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out.push_back(':');
    out.append(field);
    out.push_back('\n');
}

}  // namespace

AuditLog::AuditLog(storage::Database& db, const Clock& clock, Bus* bus) : db_(db), clock_(clock), bus_(bus) {}

Status AuditLog::Migrate() { return storage::Migrate(db_, "audit", kSqliteMigrations); }

const std::string& AuditLog::GenesisHash() {
    static const std::string kGenesis(64, '0');
    return kGenesis;
}

std::string AuditLog::ComputeHash(std::int64_t seq, const std::string& at, const AuditEntry& e,
                                  const std::string& prev_hash) {
    std::string canonical = "precinct-audit-v1\n";
    AppendField(canonical, std::to_string(seq));
    AppendField(canonical, at);
    AppendField(canonical, e.actor);
    AppendField(canonical, e.role);
    AppendField(canonical, e.action);
    AppendField(canonical, e.target);
    AppendField(canonical, e.purpose);
    AppendField(canonical, e.source_ip);
    AppendField(canonical, e.request_id);
    AppendField(canonical, e.detail);
    AppendField(canonical, prev_hash);
    return Sha256Hex(canonical);
}

Result<AuditRecord> AuditLog::AppendIn(storage::Connection& conn, const AuditEntry& entry) {
    auto head = conn.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!head) return Fail(head.error());
    AuditRecord rec;
    rec.seq = head->empty() ? 1 : head->front().Int(0) + 1;
    rec.prev_hash = head->empty() ? GenesisHash() : head->front().Text(1);
    rec.at = FormatTime(clock_.Now());
    rec.entry = entry;
    if (rec.entry.detail.empty()) rec.entry.detail = "{}";
    rec.hash = ComputeHash(rec.seq, rec.at, rec.entry, rec.prev_hash);
    const auto& e = rec.entry;
    auto ins = conn.Execute(
        fmt::format("INSERT INTO audit_log ({}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", kColumns),
        {rec.seq, rec.at, e.actor, e.role, e.action, e.target, e.purpose, e.source_ip, e.request_id, e.detail,
         rec.prev_hash, rec.hash});
    if (!ins) return Fail(ins.error());
    return rec;
}

Result<AuditRecord> AuditLog::Append(const AuditEntry& entry) {
    auto rec = db_.Transact([&](storage::Connection& c) { return AppendIn(c, entry); });
    if (rec) Announce(*rec);
    return rec;
}

Json AuditRecordJson(const AuditRecord& r) {
    Json detail = Json::parse(r.entry.detail, nullptr, false);
    return Json{{"seq", r.seq},
                {"at", r.at},
                {"actor", r.entry.actor},
                {"role", r.entry.role},
                {"action", r.entry.action},
                {"target", r.entry.target},
                {"purpose", r.entry.purpose},
                {"source_ip", r.entry.source_ip},
                {"request_id", r.entry.request_id},
                {"detail", detail.is_discarded() ? Json(r.entry.detail) : detail},
                {"prev_hash", r.prev_hash},
                {"hash", r.hash}};
}

void AuditLog::Announce(const AuditRecord& r) {
    if (bus_) bus_->Publish(std::string(kAuditTopic), AuditRecordJson(r));
}

Result<std::vector<AuditRecord>> AuditLog::List(std::int64_t after, int limit, bool newest_first) {
    auto rows = newest_first
                    ? db_.Query(fmt::format("SELECT {} FROM audit_log ORDER BY seq DESC LIMIT ?", kColumns), {limit})
                    : db_.Query(fmt::format("SELECT {} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", kColumns),
                                {after, limit});
    if (!rows) return Fail(rows.error());
    std::vector<AuditRecord> out;
    out.reserve(rows->size());
    for (const auto& r : *rows) out.push_back(FromRow(r));
    return out;
}

Status AuditLog::Export(const std::function<void(const AuditRecord&)>& sink) {
    std::int64_t after = 0;
    for (;;) {
        auto page = List(after, 1000);
        if (!page) return Fail(page.error());
        if (page->empty()) return Ok();
        for (const auto& r : *page) sink(r);
        after = page->back().seq;
    }
}

Result<AuditVerifyReport> AuditLog::Verify() {
    return db_.Read([&](storage::Connection& c) -> Result<AuditVerifyReport> {
        AuditVerifyReport report;
        std::int64_t expected = 1;
        std::string prev = GenesisHash();
        for (;;) {
            auto rows = c.Query(fmt::format("SELECT {} FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT 1000", kColumns),
                                {expected});
            if (!rows) return Fail(rows.error());
            if (rows->empty()) break;
            for (const auto& row : *rows) {
                const auto rec = FromRow(row);
                auto bad = [&](std::int64_t seq, std::string problem) {
                    report.ok = false;
                    report.first_bad_seq = seq;
                    report.problem = std::move(problem);
                };
                if (rec.seq != expected) {
                    bad(expected, fmt::format("entry {} is missing (the next entry present is {})", expected, rec.seq));
                } else if (rec.prev_hash != prev) {
                    bad(rec.seq, fmt::format("entry {} does not link to entry {}: an earlier entry was altered or "
                                             "replaced",
                                             rec.seq, rec.seq - 1));
                } else if (ComputeHash(rec.seq, rec.at, rec.entry, rec.prev_hash) != rec.hash) {
                    bad(rec.seq, fmt::format("entry {} was altered after it was written", rec.seq));
                }
                if (!report.ok) return report;
                ++report.entries;
                report.head_seq = rec.seq;
                report.head_hash = rec.hash;
                prev = rec.hash;
                ++expected;
            }
        }
        if (report.head_hash.empty()) report.head_hash = GenesisHash();
        return report;
    });
}

}  // namespace precinct::auth
