#include <gtest/gtest.h>

#include <thread>

#include "storage/database.hpp"
#include "storage/test_support.hpp"

namespace precinct::storage {
namespace {

std::unique_ptr<Database> OpenTemp(const testing::TempDir& dir) {
    auto db = OpenSqlite({.path = dir.path() / "t.db"});
    EXPECT_TRUE(db.has_value()) << db.error().message;
    return std::move(*db);
}

TEST(Sqlite, UsesWalJournal) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    EXPECT_NE(db->Describe().find("wal"), std::string::npos) << db->Describe();
}

TEST(Sqlite, BindsAndReadsEveryType) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    ASSERT_TRUE(db->Execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)").has_value());
    ASSERT_TRUE(db->Execute("INSERT INTO t VALUES (?,?,?,?,?)",
                            {Value(42), Value(2.5), Value("Hà Nội"), Value(Blob{{1, 2, 0, 3}}), Value()})
                    .has_value());
    auto rows = db->Query("SELECT i, r, s, b, n FROM t");
    ASSERT_TRUE(rows.has_value());
    ASSERT_EQ(rows->size(), 1u);
    const auto& row = rows->front();
    EXPECT_EQ(row.Int(0), 42);
    EXPECT_DOUBLE_EQ(row.Real(1), 2.5);
    EXPECT_EQ(row.Text(2), "Hà Nội");
    EXPECT_EQ(row.Text(3), std::string("\x01\x02\x00\x03", 4));
    EXPECT_TRUE(row.IsNull(4));
}

TEST(Sqlite, ReturningGivesNewId) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    ASSERT_TRUE(db->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)").has_value());
    auto a = db->Query("INSERT INTO t(name) VALUES (?) RETURNING id", {Value("a")});
    auto b = db->Query("INSERT INTO t(name) VALUES (?) RETURNING id", {Value("b")});
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->front().Int(0) + 1, b->front().Int(0));
}

TEST(Sqlite, FailedTransactionRollsBack) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    ASSERT_TRUE(db->Execute("CREATE TABLE t (x INTEGER)").has_value());
    auto status = db->Transact([](Connection& c) -> Status {
        if (auto r = c.Execute("INSERT INTO t VALUES (1)"); !r) return Fail(r.error());
        return Fail(ErrorCode::kConflict, "changed my mind");
    });
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    auto rows = db->Query("SELECT count(*) FROM t");
    EXPECT_EQ(rows->front().Int(0), 0);
}

TEST(Sqlite, TransactReturnsValue) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    ASSERT_TRUE(db->Execute("CREATE TABLE t (x INTEGER)").has_value());
    Result<int> r = db->Transact([](Connection& c) -> Result<int> {
        if (auto e = c.Execute("INSERT INTO t VALUES (7)"); !e) return Fail(e.error());
        auto q = c.Query("SELECT x FROM t");
        if (!q) return Fail(q.error());
        return static_cast<int>(q->front().Int(0));
    });
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(*r, 7);
}

TEST(Sqlite, UniqueViolationIsConflict) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    ASSERT_TRUE(db->Execute("CREATE TABLE t (x INTEGER UNIQUE)").has_value());
    ASSERT_TRUE(db->Execute("INSERT INTO t VALUES (1)").has_value());
    auto again = db->Execute("INSERT INTO t VALUES (1)");
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST(Sqlite, SyntaxErrorIsInternal) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    auto r = db->Query("SELEC nothing");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

TEST(Sqlite, WrongParameterCountIsRefused) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    auto r = db->Query("SELECT ?", {});
    ASSERT_FALSE(r.has_value());
}

TEST(Sqlite, ConcurrentWritersAllCommit) {
    testing::TempDir dir;
    auto db = OpenTemp(dir);
    ASSERT_TRUE(db->Execute("CREATE TABLE t (x INTEGER)").has_value());
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            for (int j = 0; j < 50; ++j) {
                auto s = db->Transact([&](Connection& c) -> Status {
                    auto r = c.Execute("INSERT INTO t VALUES (?)", {Value(i * 1000 + j)});
                    if (!r) return Fail(r.error());
                    return Ok();
                });
                if (!s) failures.fetch_add(1);
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(db->Query("SELECT count(*) FROM t")->front().Int(0), 200);
}

TEST(Sqlite, DataSurvivesReopen) {
    testing::TempDir dir;
    {
        auto db = OpenTemp(dir);
        ASSERT_TRUE(db->Execute("CREATE TABLE t (x TEXT)").has_value());
        ASSERT_TRUE(db->Execute("INSERT INTO t VALUES ('kept')").has_value());
    }
    auto db = OpenTemp(dir);
    EXPECT_EQ(db->Query("SELECT x FROM t")->front().Text(0), "kept");
}

}  // namespace
}  // namespace precinct::storage
