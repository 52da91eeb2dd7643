#include "auth/auth_service.hpp"

#include <gtest/gtest.h>

#include "storage/test_support.hpp"

namespace precinct::auth {
namespace {

class AuthTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::move(*storage::OpenSqlite({.path = dir_.path() / "auth.db"}));
        audit_ = std::make_unique<AuditLog>(*db_, clock_, nullptr);
        ASSERT_TRUE(audit_->Migrate().has_value());
        Settings s;
        s.password = PasswordParams{64, 1, 1};  // cheap hashing for tests
        s.token_ttl = std::chrono::minutes(60);
        service_ = std::make_unique<AuthService>(*db_, *audit_, clock_, s);
        ASSERT_TRUE(service_->Migrate().has_value());
        auto u = service_->CreateUser({"lan.nguyen", "Nguyễn Thị Lan", "correct horse battery", Role::kDispatcher},
                                      Actor{});
        ASSERT_TRUE(u.has_value()) << u.error().message;
    }

    precinct::testing::TempDir dir_;
    FakeClock clock_{FromUnixMillis(1795000000000)};
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<AuditLog> audit_;
    std::unique_ptr<AuthService> service_;
};

TEST_F(AuthTest, PasswordIsStoredAsArgon2id) {
    auto rows = db_->Query("SELECT password_hash FROM users WHERE username = 'lan.nguyen'");
    EXPECT_EQ(rows->front().Text(0).rfind("$argon2id$", 0), 0u);
}

TEST_F(AuthTest, LoginIssuesTokenThatResolves) {
    auto t = service_->Login("lan.nguyen", "correct horse battery", Actor{});
    ASSERT_TRUE(t.has_value()) << t.error().message;
    EXPECT_EQ(t->token.rfind("pct_", 0), 0u);
    auto p = service_->Resolve(t->token);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->username, "lan.nguyen");
    EXPECT_EQ(p->role, Role::kDispatcher);
    // Only the hash is stored.
    auto rows = db_->Query("SELECT count(*) FROM tokens WHERE token_hash = ?", {t->token});
    EXPECT_EQ(rows->front().Int(0), 0);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserLookAlike) {
    auto a = service_->Login("lan.nguyen", "wrong password!!", Actor{});
    auto b = service_->Login("nobody", "wrong password!!", Actor{});
    ASSERT_FALSE(a.has_value());
    ASSERT_FALSE(b.has_value());
    EXPECT_EQ(a.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(a.error().message, b.error().message);
}

TEST_F(AuthTest, RepeatedFailuresAreSlowedThenLocked) {
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(service_->Login("lan.nguyen", "bad password 123", Actor{}).error().code,
                  ErrorCode::kUnauthenticated);
    }
    auto slowed = service_->Login("lan.nguyen", "correct horse battery", Actor{});
    ASSERT_FALSE(slowed.has_value());
    EXPECT_EQ(slowed.error().code, ErrorCode::kRateLimited);
    EXPECT_GE(slowed.error().retry_after_s, 1);
    // Keep failing, waiting out each delay, until the lock-out.
    for (int i = 3; i < 10; ++i) {
        clock_.Advance(std::chrono::seconds(61));
        EXPECT_EQ(service_->Login("lan.nguyen", "bad password 123", Actor{}).error().code,
                  ErrorCode::kUnauthenticated);
    }
    clock_.Advance(std::chrono::seconds(61));
    auto locked = service_->Login("lan.nguyen", "correct horse battery", Actor{});
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().code, ErrorCode::kRateLimited);
    EXPECT_GT(locked.error().retry_after_s, 60);
    clock_.Advance(std::chrono::minutes(15));
    EXPECT_TRUE(service_->Login("lan.nguyen", "correct horse battery", Actor{}).has_value());
}

TEST_F(AuthTest, SuccessResetsFailureCount) {
    EXPECT_FALSE(service_->Login("lan.nguyen", "bad password 123", Actor{}).has_value());
    EXPECT_FALSE(service_->Login("lan.nguyen", "bad password 123", Actor{}).has_value());
    EXPECT_TRUE(service_->Login("lan.nguyen", "correct horse battery", Actor{}).has_value());
    EXPECT_FALSE(service_->Login("lan.nguyen", "bad password 123", Actor{}).has_value());
    EXPECT_FALSE(service_->Login("lan.nguyen", "bad password 123", Actor{}).has_value());
    EXPECT_TRUE(service_->Login("lan.nguyen", "correct horse battery", Actor{}).has_value());
}

TEST_F(AuthTest, TokensExpire) {
    auto t = service_->Login("lan.nguyen", "correct horse battery", Actor{});
    ASSERT_TRUE(t.has_value());
    clock_.Advance(std::chrono::minutes(61));
    auto p = service_->Resolve(t->token);
    ASSERT_FALSE(p.has_value());
    EXPECT_EQ(p.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthTest, RevokedTokenStopsWorking) {
    auto t = service_->Login("lan.nguyen", "correct horse battery", Actor{});
    ASSERT_TRUE(service_->Resolve(t->token).has_value());
    ASSERT_TRUE(service_->Revoke(t->token, Actor{"lan.nguyen", "dispatcher", "", ""}).has_value());
    EXPECT_FALSE(service_->Resolve(t->token).has_value());
}

TEST_F(AuthTest, MalformedTokensAreRefused) {
    for (const char* bad : {"", "abc", "pct_", "Bearer pct_xxxxxxxxxxxx", "pct_doesnotexist0000"}) {
        EXPECT_FALSE(service_->Resolve(bad).has_value()) << bad;
    }
}

TEST_F(AuthTest, DuplicateUsernameIsConflict) {
    auto again = service_->CreateUser({"lan.nguyen", "Other", "another password", Role::kClerk}, Actor{});
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(AuthTest, RejectsBadNewUsers) {
    struct Case {
        NewUser user;
        std::string field;
    };
    const std::vector<Case> cases = {
        {{"ab", "Short", "long enough pw", Role::kClerk}, "username"},
        {{"Upper.Case", "X", "long enough pw", Role::kClerk}, "username"},
        {{"ok.name", "", "long enough pw", Role::kClerk}, "display_name"},
        {{"ok.name", "X", "short", Role::kClerk}, "password"},
    };
    for (const auto& c : cases) {
        auto r = service_->CreateUser(c.user, Actor{});
        ASSERT_FALSE(r.has_value()) << c.user.username;
        EXPECT_EQ(r.error().field, c.field);
    }
}

TEST_F(AuthTest, ChangesAndSignInsAreAudited) {
    ASSERT_TRUE(service_->Login("lan.nguyen", "correct horse battery", Actor{"", "", "10.0.0.5", "r1"}).has_value());
    ASSERT_FALSE(service_->Login("lan.nguyen", "bad password 123", Actor{"", "", "10.0.0.6", "r2"}).has_value());
    auto entries = audit_->List(0, 10);
    ASSERT_EQ(entries->size(), 3u);
    EXPECT_EQ(entries->at(0).entry.action, "user.create");
    EXPECT_EQ(entries->at(1).entry.action, "auth.login");
    EXPECT_EQ(entries->at(1).entry.source_ip, "10.0.0.5");
    EXPECT_EQ(entries->at(2).entry.action, "auth.login_failed");
    EXPECT_EQ(entries->at(2).entry.detail.find("password"), std::string::npos);
    EXPECT_TRUE(audit_->Verify()->ok);
}

TEST(AuthSettings, RejectsUnknownAndInconsistentKeys) {
    EXPECT_FALSE(ParseSettings(Json{{"token_ttl", 5}}).has_value());
    EXPECT_FALSE(ParseSettings(Json{{"slow_after_failures", 5}, {"lock_after_failures", 4}}).has_value());
    auto small = ParseSettings(Json{{"argon2_memory_kib", 16}, {"argon2_parallelism", 4}});
    ASSERT_FALSE(small.has_value());
    EXPECT_EQ(small.error().field, "auth.argon2_memory_kib");
    auto ok = ParseSettings(Json{{"token_ttl_minutes", 60}});
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(ok->token_ttl.count(), 60);
}

}  // namespace
}  // namespace precinct::auth
