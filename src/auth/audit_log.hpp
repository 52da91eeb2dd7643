#pragma once
// The append-only, hash-chained audit log. Every change and every read of personal data is recorded here with
// who, what, when, from where and why. Entry N stores the SHA-256 of entry N-1, so altering, removing or
// reordering any entry breaks the chain at that point, which Verify() reports.
//
// Thread-safe. Appends are serialised by the database's write lock, so several processes may share one log.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace precinct::auth {

struct AuditEntry {
    std::string actor;        // username, "system", or "anonymous"
    std::string role;         // the actor's role name, or "" for citizens and the system
    std::string action;       // e.g. "user.create", "auth.login", "GET /api/v1/incidents/{id}"
    std::string target;       // what was touched, e.g. "user:12", a path
    std::string purpose;      // why (required for reads of personal data), else ""
    std::string source_ip;
    std::string request_id;
    std::string detail = "{}";  // JSON object text with anything else worth keeping (never passwords)
};

struct AuditRecord {
    std::int64_t seq = 0;
    std::string at;           // RFC 3339 UTC
    AuditEntry entry;
    std::string prev_hash;
    std::string hash;
};

struct AuditVerifyReport {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t head_seq = 0;
    std::string head_hash;
    std::optional<std::int64_t> first_bad_seq;
    std::string problem;      // what is wrong at first_bad_seq, in English
};

inline constexpr std::string_view kAuditTopic = "audit";

// The JSON form of an entry, used by the API, the live topic and the export alike.
Json AuditRecordJson(const AuditRecord& record);

class AuditLog {
public:
    // `bus` may be null; when set, each committed entry is published on topic "audit".
    AuditLog(storage::Database& db, const Clock& clock, Bus* bus);

    // Creates the table and its append-only triggers.
    Status Migrate();
    // Appends in its own transaction and announces the entry.
    Result<AuditRecord> Append(const AuditEntry& entry);
    // Appends inside the caller's write transaction; call Announce() after the commit.
    Result<AuditRecord> AppendIn(storage::Connection& conn, const AuditEntry& entry);
    void Announce(const AuditRecord& record);

    // Entries with seq > after, oldest first, or the newest `limit` entries newest first when `newest_first`.
    Result<std::vector<AuditRecord>> List(std::int64_t after, int limit, bool newest_first = false);
    // Streams every entry in order to `sink`, a page at a time.
    Status Export(const std::function<void(const AuditRecord&)>& sink);
    Result<AuditVerifyReport> Verify();

    static std::string ComputeHash(std::int64_t seq, const std::string& at, const AuditEntry& e,
                                   const std::string& prev_hash);
    static const std::string& GenesisHash();

private:
    storage::Database& db_;
    const Clock& clock_;
    Bus* bus_;
};

}  // namespace precinct::auth
