#pragma once
// Officer accounts, sign-in with throttling and lock-out, and opaque bearer tokens (stored only as SHA-256).
// Thread-safe.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/audit_log.hpp"
#include "auth/password.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/roles.hpp"
#include "storage/database.hpp"

namespace precinct::auth {

struct Settings {
    std::chrono::minutes token_ttl{8 * 60};
    int slow_after_failures = 3;      // from this many failures on, each retry must wait 2^(n-slow) s (≤ 60 s)
    int lock_after_failures = 10;     // then the account is locked for `lockout`
    std::chrono::minutes lockout{15};
    PasswordParams password;
};
Result<Settings> ParseSettings(const Json& section);

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::kCallTaker;
    bool disabled = false;
    std::string created_at;
};

struct NewUser {
    std::string username;
    std::string display_name;
    std::string password;
    Role role = Role::kCallTaker;
};

struct IssuedToken {
    std::string token;        // shown once to the client, never stored
    std::string expires_at;
    User user;
};

// Who is acting and from where; recorded with each change.
struct Actor {
    std::string username = "system";
    std::string role;
    std::string source_ip;
    std::string request_id;
};

class AuthService {
public:
    AuthService(storage::Database& db, AuditLog& audit, const Clock& clock, Settings settings);

    Status Migrate();
    Result<User> CreateUser(const NewUser& user, const Actor& actor);
    Result<std::vector<User>> ListUsers();
    Result<std::optional<User>> FindUser(std::string_view username);
    // Checks the password and issues a token. Unknown user and wrong password give the same answer and take
    // the same time. Throttled attempts answer kRateLimited with retry_after_s set and check nothing.
    Result<IssuedToken> Login(std::string_view username, std::string_view password, const Actor& from);
    // The principal a token stands for; kUnauthenticated if unknown, expired, revoked or the user disabled.
    Result<Principal> Resolve(std::string_view token);
    Status Revoke(std::string_view token, const Actor& actor);

    static Status ValidateUsername(std::string_view username);

private:
    struct Cached {
        Principal principal;
        std::int64_t expires_ms = 0;
        std::int64_t checked_ms = 0;
    };
    Status RecordFailure(std::string_view username, std::int64_t failures_before, std::int64_t now_ms);

    storage::Database& db_;
    AuditLog& audit_;
    const Clock& clock_;
    Settings settings_;
    std::string dummy_hash_;
    std::mutex cache_mutex_;
    std::unordered_map<std::string, Cached> cache_;   // token hash → principal, re-checked every 10 s
};

}  // namespace precinct::auth
