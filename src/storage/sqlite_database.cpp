// SQLite implementation of Database: WAL journal, busy timeout, a pool of connections each with its own cache
// of prepared statements. Writers are serialised by SQLite (BEGIN IMMEDIATE); readers run in parallel.
#include <sqlite3.h>

#include <condition_variable>
#include <fmt/format.h>
#include <mutex>
#include <spdlog/spdlog.h>
#include <unordered_map>

#include "storage/database.hpp"

namespace precinct::storage {
namespace {

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
    const int ext = db ? sqlite3_extended_errcode(db) : rc;
    const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    rc &= 0xff;  // the primary result code
    if (rc == SQLITE_CONSTRAINT) {
        // Unique and foreign-key violations are the caller's conflict, not a server fault.
        return Error{ErrorCode::kConflict, fmt::format("{}: {}", what, msg), {}, 0};
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        return Error{ErrorCode::kUnavailable, fmt::format("{}: database busy ({})", what, msg), {}, 1};
    }
    if (rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN) {
        return Error{ErrorCode::kUnavailable, fmt::format("{}: storage unavailable ({}, code {})", what, msg, ext),
                     {}, 5};
    }
    return Error{ErrorCode::kInternal, fmt::format("{}: sqlite error {} ({})", what, ext, msg), {}, 0};
}

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override {
        for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
        sqlite3_close_v2(db_);
    }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Result<Rows> Query(std::string_view sql, const Params& params) override {
        auto stmt = Prepare(sql, params);
        if (!stmt) return Fail(stmt.error());
        Rows rows;
        const int columns = sqlite3_column_count(*stmt);
        for (;;) {
            const int rc = sqlite3_step(*stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                auto err = SqliteError(db_, rc, "query");
                sqlite3_reset(*stmt);
                return Fail(std::move(err));
            }
            std::vector<Value> values;
            values.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) values.push_back(Column(*stmt, c));
            rows.emplace_back(std::move(values));
        }
        sqlite3_reset(*stmt);
        return rows;
    }

    Result<std::int64_t> Execute(std::string_view sql, const Params& params) override {
        auto stmt = Prepare(sql, params);
        if (!stmt) return Fail(stmt.error());
        int rc;
        while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) {
            auto err = SqliteError(db_, rc, "execute");
            sqlite3_reset(*stmt);
            return Fail(std::move(err));
        }
        sqlite3_reset(*stmt);
        return static_cast<std::int64_t>(sqlite3_changes64(db_));
    }

    Status ExecuteScript(std::string_view sql) override {
        char* err = nullptr;
        const std::string text(sql);
        const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            Error e = SqliteError(db_, rc, "script");
            if (err) {
                e.message += fmt::format(": {}", err);
                sqlite3_free(err);
            }
            return Fail(std::move(e));
        }
        return Ok();
    }

    sqlite3* handle() const { return db_; }

private:
    Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params) {
        sqlite3_stmt* stmt = nullptr;
        auto it = cache_.find(std::string(sql));
        if (it != cache_.end()) {
            stmt = it->second;
            sqlite3_clear_bindings(stmt);
        } else {
            const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
            if (rc != SQLITE_OK) return Fail(SqliteError(db_, rc, "prepare"));
            cache_.emplace(std::string(sql), stmt);
        }
        const int expected = sqlite3_bind_parameter_count(stmt);
        if (expected != static_cast<int>(params.size())) {
            return Fail(ErrorCode::kInternal,
                        fmt::format("statement wants {} parameters, got {}", expected, params.size()));
        }
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int idx = static_cast<int>(i + 1);
            const auto& v = params[i].variant();
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::nullptr_t>(v)) {
                rc = sqlite3_bind_null(stmt, idx);
            } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
                rc = sqlite3_bind_int64(stmt, idx, *n);
            } else if (const auto* d = std::get_if<double>(&v)) {
                rc = sqlite3_bind_double(stmt, idx, *d);
            } else if (const auto* s = std::get_if<std::string>(&v)) {
                rc = sqlite3_bind_text64(stmt, idx, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            } else if (const auto* b = std::get_if<Blob>(&v)) {
                rc = sqlite3_bind_blob64(stmt, idx, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
            }
            if (rc != SQLITE_OK) return Fail(SqliteError(db_, rc, "bind"));
        }
        return stmt;
    }

    static Value Column(sqlite3_stmt* stmt, int c) {
        switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER: return Value(static_cast<long long>(sqlite3_column_int64(stmt, c)));
            case SQLITE_FLOAT: return Value(sqlite3_column_double(stmt, c));
            case SQLITE_TEXT: {
                const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                return Value(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
            }
            case SQLITE_BLOB: {
                const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, c));
                const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                return Value(Blob{std::vector<std::uint8_t>(p, p + n)});
            }
            default: return Value();
        }
    }

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase final : public Database {
public:
    explicit SqliteDatabase(SqliteSettings settings) : settings_(std::move(settings)) {}

    Status Init() {
        auto conn = Open();
        if (!conn) return Fail(conn.error());
        char buf[64];
        auto rows = (*conn)->Query("PRAGMA journal_mode", {});
        if (rows && !rows->empty()) journal_ = rows->front().Text(0);
        std::snprintf(buf, sizeof buf, "%s", sqlite3_libversion());
        version_ = buf;
        idle_.push_back(std::move(*conn));
        open_count_ = 1;
        return Ok();
    }

    Dialect dialect() const override { return Dialect::kSqlite; }

    Result<Rows> Query(std::string_view sql, const Params& params) override {
        auto lease = Acquire();
        if (!lease) return Fail(lease.error());
        return lease->conn->Query(sql, params);
    }

    Result<std::int64_t> Execute(std::string_view sql, const Params& params) override {
        auto lease = Acquire();
        if (!lease) return Fail(lease.error());
        return lease->conn->Execute(sql, params);
    }

    Status TransactImpl(const std::function<Status(Connection&)>& fn) override {
        // Writers of this process queue on a mutex: SQLite's own busy handler, which other processes still meet,
        // waits by sleeping in steps of milliseconds, which under load costs far more than the writes themselves.
        std::lock_guard writer(write_mutex_);
        return Run("BEGIN IMMEDIATE", fn);
    }

    Status ReadImpl(const std::function<Status(Connection&)>& fn) override { return Run("BEGIN DEFERRED", fn); }

    std::string Describe() const override {
        return fmt::format("sqlite {} ({}, synchronous={}) {}", version_, journal_, settings_.synchronous,
                           settings_.path.filename().string());
    }

private:
    struct Lease {
        SqliteDatabase* db = nullptr;
        std::unique_ptr<SqliteConnection> conn;
        Lease(SqliteDatabase* d, std::unique_ptr<SqliteConnection> c) : db(d), conn(std::move(c)) {}
        Lease(Lease&& o) noexcept : db(o.db), conn(std::move(o.conn)) { o.db = nullptr; }
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (db && conn) db->Release(std::move(conn));
        }
    };

    Status Run(const char* begin, const std::function<Status(Connection&)>& fn) {
        auto lease = Acquire();
        if (!lease) return Fail(lease.error());
        auto& conn = *lease->conn;
        if (auto s = conn.Execute(begin, {}); !s) return Fail(s.error());
        Status result;
        try {
            result = fn(conn);
        } catch (...) {
            (void)conn.Execute("ROLLBACK", {});
            throw;
        }
        if (!result) {
            (void)conn.Execute("ROLLBACK", {});
            return result;
        }
        if (auto s = conn.Execute("COMMIT", {}); !s) {
            (void)conn.Execute("ROLLBACK", {});
            return Fail(s.error());
        }
        return Ok();
    }

    Result<std::unique_ptr<SqliteConnection>> Open() {
        sqlite3* db = nullptr;
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        const int rc = sqlite3_open_v2(settings_.path.c_str(), &db, flags, nullptr);
        if (rc != SQLITE_OK) {
            auto err = SqliteError(db, rc, fmt::format("open {}", settings_.path.string()));
            sqlite3_close_v2(db);
            return Fail(std::move(err));
        }
        auto conn = std::make_unique<SqliteConnection>(db);
        sqlite3_busy_timeout(db, settings_.busy_timeout_ms);
        sqlite3_extended_result_codes(db, 1);
        const std::string pragmas = fmt::format(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous={}; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;",
            settings_.synchronous == "normal" ? "NORMAL" : "FULL");
        if (auto s = conn->ExecuteScript(pragmas); !s) return Fail(s.error());
        return conn;
    }

    Result<Lease> Acquire() {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (!idle_.empty()) {
                auto conn = std::move(idle_.back());
                idle_.pop_back();
                return Lease(this, std::move(conn));
            }
            if (open_count_ < settings_.max_connections) {
                ++open_count_;
                lock.unlock();
                auto conn = Open();
                if (!conn) {
                    std::lock_guard again(mutex_);
                    --open_count_;
                    return Fail(conn.error());
                }
                return Lease(this, std::move(*conn));
            }
            available_.wait(lock);
        }
    }

    void Release(std::unique_ptr<SqliteConnection> conn) {
        {
            std::lock_guard lock(mutex_);
            idle_.push_back(std::move(conn));
        }
        available_.notify_one();
    }

    SqliteSettings settings_;
    std::string version_;
    std::string journal_;
    std::mutex mutex_;
    std::mutex write_mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<SqliteConnection>> idle_;
    int open_count_ = 0;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteSettings& settings) {
    if (sqlite3_threadsafe() == 0) return Fail(ErrorCode::kInternal, "sqlite was built without thread support");
    std::error_code ec;
    if (settings.path.has_parent_path()) std::filesystem::create_directories(settings.path.parent_path(), ec);
    auto db = std::make_unique<SqliteDatabase>(settings);
    if (auto s = db->Init(); !s) return Fail(s.error());
    return std::unique_ptr<Database>(std::move(db));
}

}  // namespace precinct::storage
