#include <fmt/format.h>

#include "core/crypto.hpp"
#include "storage/database.hpp"

namespace precinct::storage {

Status Migrate(Database& db, std::string_view owner, std::span<const Migration> migrations) {
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i + 1)) {
            return Fail(ErrorCode::kInternal,
                        fmt::format("{}: migrations must be numbered 1..N without gaps (found {} at {})", owner,
                                    migrations[i].version, i + 1));
        }
    }
    auto created = db.Execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " owner TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
        " PRIMARY KEY (owner, version))");
    if (!created) return Fail(created.error());

    auto applied = db.Query("SELECT version, checksum FROM schema_migrations WHERE owner = ? ORDER BY version",
                            {Value(owner)});
    if (!applied) return Fail(applied.error());
    for (const auto& row : *applied) {
        const auto version = row.Int(0);
        if (version < 1 || version > static_cast<std::int64_t>(migrations.size())) {
            return Fail(ErrorCode::kConflict,
                        fmt::format("{}: the database has migration {} which this binary does not know; "
                                    "it was written by a newer version",
                                    owner, version));
        }
        const auto& m = migrations[static_cast<std::size_t>(version - 1)];
        if (row.Text(1) != Sha256Hex(m.sql)) {
            return Fail(ErrorCode::kConflict,
                        fmt::format("{}: migration {} ({}) changed after it was applied", owner, version, m.name));
        }
    }
    for (std::size_t i = applied->size(); i < migrations.size(); ++i) {
        const auto& m = migrations[i];
        auto status = db.Transact([&](Connection& c) -> Status {
            // Another process may have applied it meanwhile; the write lock makes this check reliable.
            auto done = c.Query("SELECT 1 FROM schema_migrations WHERE owner = ? AND version = ?",
                                {Value(owner), Value(m.version)});
            if (!done) return Fail(done.error());
            if (!done->empty()) return Ok();
            if (auto s = c.ExecuteScript(m.sql); !s) {
                return Fail(ErrorCode::kInternal, fmt::format("{} migration {} ({}) failed: {}", owner, m.version,
                                                              m.name, s.error().message));
            }
            auto rec = c.Execute("INSERT INTO schema_migrations(owner, version, name, checksum) VALUES (?,?,?,?)",
                                 {Value(owner), Value(m.version), Value(m.name), Value(Sha256Hex(m.sql))});
            if (!rec) return Fail(rec.error());
            return Ok();
        });
        if (!status) return status;
    }
    return Ok();
}

}  // namespace precinct::storage
