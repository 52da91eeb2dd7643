#include "auth/audit_log.hpp"

#include <gtest/gtest.h>

#include "storage/test_support.hpp"

namespace precinct::auth {
namespace {

class AuditLogTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::move(*storage::OpenSqlite({.path = dir_.path() / "a.db"}));
        bus_ = CreateInMemoryBus(clock_);
        log_ = std::make_unique<AuditLog>(*db_, clock_, bus_.get());
        ASSERT_TRUE(log_->Migrate().has_value());
    }
    void AppendMany(int n) {
        for (int i = 0; i < n; ++i) {
            auto r = log_->Append(AuditEntry{"lan", "dispatcher", "incident.update", "incident:" + std::to_string(i),
                                             "", "127.0.0.1", "req", "{}"});
            ASSERT_TRUE(r.has_value()) << r.error().message;
            clock_.Advance(std::chrono::milliseconds(10));
        }
    }
    // Tampering as an intruder with the file would: the triggers are dropped first.
    void Tamper(const std::string& sql) {
        ASSERT_TRUE(db_->Execute("DROP TRIGGER IF EXISTS audit_log_no_update").has_value());
        ASSERT_TRUE(db_->Execute("DROP TRIGGER IF EXISTS audit_log_no_delete").has_value());
        auto r = db_->Execute(sql);
        ASSERT_TRUE(r.has_value()) << r.error().message;
    }

    precinct::testing::TempDir dir_;
    FakeClock clock_{FromUnixMillis(1795000000000)};
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<Bus> bus_;
    std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, ChainsEntries) {
    AppendMany(3);
    auto entries = log_->List(0, 10);
    ASSERT_TRUE(entries.has_value());
    ASSERT_EQ(entries->size(), 3u);
    EXPECT_EQ(entries->at(0).prev_hash, AuditLog::GenesisHash());
    EXPECT_EQ(entries->at(1).prev_hash, entries->at(0).hash);
    EXPECT_EQ(entries->at(2).prev_hash, entries->at(1).hash);
    EXPECT_EQ(entries->at(2).seq, 3);
}

TEST_F(AuditLogTest, VerifiesIntactLog) {
    AppendMany(5);
    auto report = log_->Verify();
    ASSERT_TRUE(report.has_value());
    EXPECT_TRUE(report->ok) << report->problem;
    EXPECT_EQ(report->entries, 5);
    EXPECT_EQ(report->head_seq, 5);
}

TEST_F(AuditLogTest, EmptyLogVerifies) {
    auto report = log_->Verify();
    ASSERT_TRUE(report.has_value());
    EXPECT_TRUE(report->ok);
    EXPECT_EQ(report->entries, 0);
}

TEST_F(AuditLogTest, RefusesUpdateAndDeleteThroughSql) {
    AppendMany(2);
    EXPECT_FALSE(db_->Execute("UPDATE audit_log SET actor = 'x' WHERE seq = 1").has_value());
    EXPECT_FALSE(db_->Execute("DELETE FROM audit_log WHERE seq = 1").has_value());
}

TEST_F(AuditLogTest, FindsAlteredEntry) {
    AppendMany(6);
    Tamper("UPDATE audit_log SET actor = 'mallory' WHERE seq = 4");
    auto report = log_->Verify();
    ASSERT_TRUE(report.has_value());
    EXPECT_FALSE(report->ok);
    ASSERT_TRUE(report->first_bad_seq.has_value());
    EXPECT_EQ(*report->first_bad_seq, 4);
    EXPECT_NE(report->problem.find("altered"), std::string::npos);
}

TEST_F(AuditLogTest, FindsMissingEntry) {
    AppendMany(6);
    Tamper("DELETE FROM audit_log WHERE seq = 3");
    auto report = log_->Verify();
    ASSERT_TRUE(report.has_value());
    EXPECT_FALSE(report->ok);
    EXPECT_EQ(*report->first_bad_seq, 3);
    EXPECT_NE(report->problem.find("missing"), std::string::npos);
}

TEST_F(AuditLogTest, FindsRehashedEntryByBrokenLink) {
    AppendMany(4);
    // The intruder alters entry 2 and recomputes its own hash, but entry 3 still names the old one.
    auto rows = log_->List(1, 1);
    auto rec = rows->front();
    rec.entry.actor = "mallory";
    const auto new_hash = AuditLog::ComputeHash(rec.seq, rec.at, rec.entry, rec.prev_hash);
    Tamper("UPDATE audit_log SET actor = 'mallory', hash = '" + new_hash + "' WHERE seq = 2");
    auto report = log_->Verify();
    ASSERT_FALSE(report->ok);
    EXPECT_EQ(*report->first_bad_seq, 3);
}

TEST_F(AuditLogTest, PublishesCommittedEntries) {
    std::vector<std::int64_t> seqs;
    auto sub = bus_->Subscribe({std::string(kAuditTopic)}, [&](const Event& e) { seqs.push_back(e.data["seq"]); });
    AppendMany(2);
    EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 2}));
}

TEST_F(AuditLogTest, ListsNewestFirst) {
    AppendMany(5);
    auto newest = log_->List(0, 2, true);
    ASSERT_EQ(newest->size(), 2u);
    EXPECT_EQ(newest->at(0).seq, 5);
    EXPECT_EQ(newest->at(1).seq, 4);
}

TEST_F(AuditLogTest, ExportsEverythingInOrder) {
    AppendMany(2500 / 100);
    std::int64_t last = 0;
    int count = 0;
    ASSERT_TRUE(log_->Export([&](const AuditRecord& r) {
                        EXPECT_EQ(r.seq, last + 1);
                        last = r.seq;
                        ++count;
                    })
                    .has_value());
    EXPECT_EQ(count, 25);
}

TEST(AuditHash, FieldBoundariesMatter) {
    AuditEntry a{"ab", "c", "x", "", "", "", "", "{}"};
    AuditEntry b{"a", "bc", "x", "", "", "", "", "{}"};
    EXPECT_NE(AuditLog::ComputeHash(1, "t", a, AuditLog::GenesisHash()),
              AuditLog::ComputeHash(1, "t", b, AuditLog::GenesisHash()));
}

}  // namespace
}  // namespace precinct::auth
