#pragma once
// The storage interface every module writes through. SQLite (embedded, default) implements it here; a
// PostgreSQL implementation can follow without touching modules. SQL uses `?` placeholders; an
// implementation whose engine wants `$1` rewrites them. New ids come back with `INSERT ... RETURNING id`,
// which both engines understand.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace precinct::storage {

struct Blob {
    std::vector<std::uint8_t> bytes;
};

// One parameter or column value.
class Value {
public:
    using Variant = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;
    Value() : v_(nullptr) {}
    Value(std::nullptr_t) : v_(nullptr) {}
    Value(int i) : v_(static_cast<std::int64_t>(i)) {}
    Value(long i) : v_(static_cast<std::int64_t>(i)) {}
    Value(long long i) : v_(static_cast<std::int64_t>(i)) {}
    Value(unsigned i) : v_(static_cast<std::int64_t>(i)) {}
    Value(bool b) : v_(static_cast<std::int64_t>(b ? 1 : 0)) {}
    Value(double d) : v_(d) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(const char* s) : v_(std::string(s)) {}
    Value(Blob b) : v_(std::move(b)) {}
    template <class T>
    Value(const std::optional<T>& o) : Value() {
        if (o) *this = Value(*o);
    }

    bool IsNull() const { return std::holds_alternative<std::nullptr_t>(v_); }
    // Conversions are lenient where the engines differ (integers read as text, etc.).
    std::int64_t AsInt() const;
    double AsReal() const;
    std::string AsText() const;
    const Variant& variant() const { return v_; }

private:
    Variant v_;
};

using Params = std::vector<Value>;

class Row {
public:
    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
    std::size_t size() const { return values_.size(); }
    const Value& operator[](std::size_t i) const { return values_.at(i); }
    std::int64_t Int(std::size_t i) const { return values_.at(i).AsInt(); }
    double Real(std::size_t i) const { return values_.at(i).AsReal(); }
    std::string Text(std::size_t i) const { return values_.at(i).AsText(); }
    bool IsNull(std::size_t i) const { return values_.at(i).IsNull(); }

private:
    std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// Statements inside one transaction. Not thread-safe; valid only inside the Transact callback.
class Connection {
public:
    virtual ~Connection() = default;
    virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
    // Returns the number of rows changed.
    virtual Result<std::int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
    // Several statements without parameters (migrations).
    virtual Status ExecuteScript(std::string_view sql) = 0;
};

struct Migration {
    int version = 0;          // 1, 2, 3 ... without gaps, per owner
    std::string name;         // short description, kept in schema_migrations
    std::string sql;          // may hold several statements
};

enum class Dialect { kSqlite, kPostgres };

// Thread-safe: any number of threads may call it at once.
class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    // One statement in its own transaction.
    virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
    virtual Result<std::int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
    // Runs `fn` in one write transaction: commits if it returns success, rolls back otherwise. A commit that
    // returned success is durable (see the synchronous setting).
    virtual Status TransactImpl(const std::function<Status(Connection&)>& fn) = 0;
    // A read-only snapshot: every query inside sees the same state.
    virtual Status ReadImpl(const std::function<Status(Connection&)>& fn) = 0;
    // Human-readable engine and location, e.g. "sqlite 3.40.1, WAL, data/precinct.db".
    virtual std::string Describe() const = 0;

    template <class F>
    auto Transact(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
        using R = decltype(fn(std::declval<Connection&>()));
        std::optional<R> out;
        auto status = TransactImpl([&](Connection& c) -> Status {
            out.emplace(fn(c));
            if (!*out) return Fail(out->error());
            return Ok();
        });
        if (!status) return Fail(status.error());
        return std::move(*out);
    }

    template <class F>
    auto Read(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
        using R = decltype(fn(std::declval<Connection&>()));
        std::optional<R> out;
        auto status = ReadImpl([&](Connection& c) -> Status {
            out.emplace(fn(c));
            if (!*out) return Fail(out->error());
            return Ok();
        });
        if (!status) return Fail(status.error());
        return std::move(*out);
    }
};

struct SqliteSettings {
    std::filesystem::path path;          // the database file; created if missing
    std::string synchronous = "full";    // full: a commit survives power loss; normal: survives a process crash
    int busy_timeout_ms = 5000;
    int max_connections = 16;
};

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteSettings& settings);

// Applies `migrations` of `owner` (a module name) that the database lacks, each in its own transaction, in
// version order. Refuses a database that has a version this binary does not know (a newer binary wrote it) or
// whose applied migration text changed since it was applied.
Status Migrate(Database& db, std::string_view owner, std::span<const Migration> migrations);

}  // namespace precinct::storage
