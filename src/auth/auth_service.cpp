#include "auth/auth_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/crypto.hpp"
#include "core/settings.hpp"

namespace precinct::auth {
namespace {

constexpr std::int64_t kCacheRecheckMs = 10'000;
constexpr std::size_t kMaxCachedTokens = 100'000;
constexpr std::string_view kTokenPrefix = "pct_";

const std::vector<storage::Migration> kMigrations = {
    {1, "users, tokens, login failures",
     "CREATE TABLE users ("
     " id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,"
     " password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);"
     "CREATE TABLE tokens ("
     " token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), created_at TEXT NOT NULL,"
     " expires_ms INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);"
     "CREATE INDEX tokens_user ON tokens(user_id);"
     "CREATE TABLE login_failures ("
     " username TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_ms INTEGER NOT NULL,"
     " locked_until_ms INTEGER NOT NULL DEFAULT 0);"},
};

User UserFromRow(const storage::Row& r) {
    return User{r.Int(0), r.Text(1), r.Text(2), ParseRole(r.Text(3)).value_or(Role::kCallTaker), r.Int(4) != 0,
                r.Text(5)};
}

std::string AuditDetail(const Json& j) { return j.dump(); }

}  // namespace

Result<Settings> ParseSettings(const Json& section) {
    Settings s;
    SettingsReader r(section, "auth");
    std::int64_t ttl = s.token_ttl.count();
    std::int64_t lockout = s.lockout.count();
    r.Int("token_ttl_minutes", ttl, 5, 7 * 24 * 60)
        .Int("slow_after_failures", s.slow_after_failures, 1, 100)
        .Int("lock_after_failures", s.lock_after_failures, 2, 1000)
        .Int("lockout_minutes", lockout, 1, 24 * 60)
        .Int("argon2_memory_kib", s.password.memory_kib, 8, 4 * 1024 * 1024)
        .Int("argon2_iterations", s.password.iterations, 1, 100)
        .Int("argon2_parallelism", s.password.parallelism, 1, 16);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    s.token_ttl = std::chrono::minutes(ttl);
    s.lockout = std::chrono::minutes(lockout);
    if (s.password.memory_kib < 8 * s.password.parallelism) {
        return Fail(ErrorCode::kInvalidArgument,
                    "auth.argon2_memory_kib must be at least 8 × auth.argon2_parallelism (an argon2 requirement)",
                    "auth.argon2_memory_kib");
    }
    if (s.lock_after_failures <= s.slow_after_failures) {
        return Fail(ErrorCode::kInvalidArgument, "auth.lock_after_failures must be above auth.slow_after_failures",
                    "auth.lock_after_failures");
    }
    return s;
}

AuthService::AuthService(storage::Database& db, AuditLog& audit, const Clock& clock, Settings settings)
    : db_(db), audit_(audit), clock_(clock), settings_(settings) {
    // Verified against for unknown usernames so that both answers take as long.
    dummy_hash_ = HashPassword("not-a-real-password-" + NewRequestId(), settings_.password).value_or("");
}

Status AuthService::Migrate() { return storage::Migrate(db_, "auth", kMigrations); }

Status AuthService::ValidateUsername(std::string_view username) {
    if (username.size() < 3 || username.size() > 64) {
        return Fail(ErrorCode::kInvalidArgument, "username must be 3 to 64 characters", "username");
    }
    for (char c : username) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
            return Fail(ErrorCode::kInvalidArgument,
                        "username may contain only lower-case letters a-z, digits, '.', '_' and '-'", "username");
        }
    }
    return Ok();
}

Result<User> AuthService::CreateUser(const NewUser& nu, const Actor& actor) {
    if (auto s = ValidateUsername(nu.username); !s) return Fail(s.error());
    if (nu.display_name.empty() || nu.display_name.size() > 200) {
        return Fail(ErrorCode::kInvalidArgument, "display_name must be 1 to 200 bytes", "display_name");
    }
    auto hash = HashPassword(nu.password, settings_.password);
    if (!hash) return Fail(hash.error());
    const auto now = FormatTime(clock_.Now());
    std::optional<AuditRecord> record;
    auto user = db_.Transact([&](storage::Connection& c) -> Result<User> {
        auto existing = c.Query("SELECT 1 FROM users WHERE username = ?", {nu.username});
        if (!existing) return Fail(existing.error());
        if (!existing->empty()) {
            return Fail(ErrorCode::kConflict, fmt::format("user '{}' already exists", nu.username), "username");
        }
        auto id = c.Query(
            "INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES (?,?,?,?,?) "
            "RETURNING id",
            {nu.username, nu.display_name, RoleName(nu.role), *hash, now});
        if (!id) return Fail(id.error());
        User u{id->front().Int(0), nu.username, nu.display_name, nu.role, false, now};
        auto rec = audit_.AppendIn(
            c, AuditEntry{actor.username, actor.role, "user.create", fmt::format("user:{}", u.id), "",
                          actor.source_ip, actor.request_id,
                          AuditDetail({{"username", u.username}, {"role", RoleName(u.role)}})});
        if (!rec) return Fail(rec.error());
        record = std::move(*rec);
        return u;
    });
    if (user && record) audit_.Announce(*record);
    return user;
}

Result<std::vector<User>> AuthService::ListUsers() {
    auto rows = db_.Query(
        "SELECT id, username, display_name, role, disabled, created_at FROM users ORDER BY username");
    if (!rows) return Fail(rows.error());
    std::vector<User> out;
    for (const auto& r : *rows) out.push_back(UserFromRow(r));
    return out;
}

Result<std::optional<User>> AuthService::FindUser(std::string_view username) {
    auto rows = db_.Query(
        "SELECT id, username, display_name, role, disabled, created_at FROM users WHERE username = ?", {username});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return std::optional<User>();
    return std::optional<User>(UserFromRow(rows->front()));
}

Status AuthService::RecordFailure(std::string_view username, std::int64_t failures_before, std::int64_t now_ms) {
    const std::int64_t failures = failures_before + 1;
    const std::int64_t locked_until =
        failures >= settings_.lock_after_failures
            ? now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(settings_.lockout).count()
            : 0;
    auto r = db_.Execute(
        "INSERT INTO login_failures(username, failures, last_failure_ms, locked_until_ms) VALUES (?,?,?,?) "
        "ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, last_failure_ms = excluded.last_failure_ms,"
        " locked_until_ms = excluded.locked_until_ms",
        {username, failures, now_ms, locked_until});
    if (!r) return Fail(r.error());
    return Ok();
}

Result<IssuedToken> AuthService::Login(std::string_view username, std::string_view password, const Actor& from) {
    if (username.empty() || username.size() > 64) {
        return Fail(ErrorCode::kInvalidArgument, "username must be 1 to 64 characters", "username");
    }
    if (password.empty() || password.size() > kMaxPasswordLength) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("password must be 1 to {} characters", kMaxPasswordLength), "password");
    }
    const std::int64_t now_ms = ToUnixMillis(clock_.Now());
    auto throttle = db_.Query(
        "SELECT failures, last_failure_ms, locked_until_ms FROM login_failures WHERE username = ?", {username});
    if (!throttle) return Fail(throttle.error());
    std::int64_t failures = 0;
    if (!throttle->empty()) {
        const auto& row = throttle->front();
        failures = row.Int(0);
        const std::int64_t last = row.Int(1);
        const std::int64_t locked_until = row.Int(2);
        std::int64_t wait_until = 0;
        if (locked_until > now_ms) {
            wait_until = locked_until;
        } else if (locked_until == 0 && failures >= settings_.slow_after_failures) {
            const auto exponent = std::min<std::int64_t>(failures - settings_.slow_after_failures, 6);
            wait_until = last + std::min<std::int64_t>(1000LL << exponent, 60'000);
        } else if (locked_until != 0) {
            failures = 0;  // the lock-out has passed: start counting afresh
        }
        if (wait_until > now_ms) {
            Error e{ErrorCode::kRateLimited,
                    locked_until > now_ms ? "too many failed sign-ins: the account is locked for a while"
                                          : "too many failed sign-ins: wait before trying again",
                    {}, static_cast<int>((wait_until - now_ms + 999) / 1000)};
            return Fail(std::move(e));
        }
    }

    auto rows = db_.Query(
        "SELECT id, username, display_name, role, disabled, created_at, password_hash FROM users WHERE username = ?",
        {username});
    if (!rows) return Fail(rows.error());
    const bool known = !rows->empty();
    const std::string stored = known ? rows->front().Text(6) : dummy_hash_;
    const bool password_ok = VerifyPassword(stored, password);
    const bool disabled = known && rows->front().Int(4) != 0;
    if (!known || !password_ok || disabled) {
        if (auto s = RecordFailure(username, failures, now_ms); !s) return Fail(s.error());
        (void)audit_.Append(AuditEntry{std::string(username), "", "auth.login_failed",
                                       fmt::format("username:{}", username), "", from.source_ip, from.request_id,
                                       AuditDetail({{"failures", failures + 1}})});
        return Fail(ErrorCode::kUnauthenticated, "wrong username or password");
    }

    const User user = UserFromRow(rows->front());
    const std::string token = std::string(kTokenPrefix) + Base64UrlEncode(RandomBytes(32));
    const std::int64_t expires_ms =
        now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(settings_.token_ttl).count();
    std::optional<AuditRecord> record;
    auto status = db_.Transact([&](storage::Connection& c) -> Status {
        if (auto r = c.Execute("DELETE FROM login_failures WHERE username = ?", {username}); !r) return Fail(r.error());
        if (auto r = c.Execute("INSERT INTO tokens(token_hash, user_id, created_at, expires_ms) VALUES (?,?,?,?)",
                               {Sha256Hex(token), user.id, FormatTime(FromUnixMillis(now_ms)), expires_ms});
            !r) {
            return Fail(r.error());
        }
        auto rec = audit_.AppendIn(c, AuditEntry{user.username, std::string(RoleName(user.role)), "auth.login",
                                                 fmt::format("user:{}", user.id), "", from.source_ip,
                                                 from.request_id, "{}"});
        if (!rec) return Fail(rec.error());
        record = std::move(*rec);
        return Ok();
    });
    if (!status) return Fail(status.error());
    audit_.Announce(*record);
    return IssuedToken{token, FormatTime(FromUnixMillis(expires_ms)), user};
}

Result<Principal> AuthService::Resolve(std::string_view token) {
    if (token.size() < kTokenPrefix.size() + 8 || token.size() > 128 || token.substr(0, 4) != kTokenPrefix) {
        return Fail(ErrorCode::kUnauthenticated, "the bearer token is malformed");
    }
    const std::string hash = Sha256Hex(token);
    const std::int64_t now_ms = ToUnixMillis(clock_.Now());
    {
        std::lock_guard lock(cache_mutex_);
        auto it = cache_.find(hash);
        if (it != cache_.end()) {
            if (it->second.expires_ms > now_ms && now_ms - it->second.checked_ms < kCacheRecheckMs) {
                return it->second.principal;
            }
            cache_.erase(it);
        }
    }
    auto rows = db_.Query(
        "SELECT u.id, u.username, u.display_name, u.role, t.expires_ms FROM tokens t JOIN users u ON u.id = t.user_id"
        " WHERE t.token_hash = ? AND t.revoked = 0 AND u.disabled = 0",
        {hash});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kUnauthenticated, "the bearer token is unknown or revoked");
    const auto& r = rows->front();
    if (r.Int(4) <= now_ms) return Fail(ErrorCode::kUnauthenticated, "the bearer token has expired");
    auto role = ParseRole(r.Text(3));
    if (!role) return Fail(ErrorCode::kInternal, fmt::format("user {} has an unknown role", r.Int(0)));
    Principal p{r.Int(0), r.Text(1), r.Text(2), *role};
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() >= kMaxCachedTokens) cache_.clear();
    cache_[hash] = Cached{p, r.Int(4), now_ms};
    return p;
}

Status AuthService::Revoke(std::string_view token, const Actor& actor) {
    const std::string hash = Sha256Hex(token);
    {
        std::lock_guard lock(cache_mutex_);
        cache_.erase(hash);
    }
    std::optional<AuditRecord> record;
    auto status = db_.Transact([&](storage::Connection& c) -> Status {
        auto r = c.Execute("UPDATE tokens SET revoked = 1 WHERE token_hash = ?", {hash});
        if (!r) return Fail(r.error());
        auto rec = audit_.AppendIn(c, AuditEntry{actor.username, actor.role, "auth.logout",
                                                 fmt::format("user:{}", actor.username), "", actor.source_ip,
                                                 actor.request_id, "{}"});
        if (!rec) return Fail(rec.error());
        record = std::move(*rec);
        return Ok();
    });
    if (status && record) audit_.Announce(*record);
    return status;
}

}  // namespace precinct::auth
