#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/test_support.hpp"

namespace precinct::storage {
namespace {

const std::vector<Migration> kV1 = {{1, "create notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"}};
const std::vector<Migration> kV2 = {
    {1, "create notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"},
    {2, "add author", "ALTER TABLE notes ADD COLUMN author TEXT; CREATE INDEX notes_author ON notes(author)"}};

std::unique_ptr<Database> Open(const testing::TempDir& dir) { return std::move(*OpenSqlite({.path = dir.path() / "m.db"})); }

TEST(Migrations, AppliesInOrderAndOnlyOnce) {
    testing::TempDir dir;
    auto db = Open(dir);
    ASSERT_TRUE(Migrate(*db, "notes", kV1).has_value());
    ASSERT_TRUE(Migrate(*db, "notes", kV1).has_value());
    ASSERT_TRUE(Migrate(*db, "notes", kV2).has_value());
    ASSERT_TRUE(db->Execute("INSERT INTO notes(body, author) VALUES ('x', 'y')").has_value());
    auto rows = db->Query("SELECT owner, version FROM schema_migrations ORDER BY version");
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ(rows->at(1).Int(1), 2);
}

TEST(Migrations, OwnersAreIndependent) {
    testing::TempDir dir;
    auto db = Open(dir);
    ASSERT_TRUE(Migrate(*db, "notes", kV1).has_value());
    const std::vector<Migration> other = {{1, "create calls", "CREATE TABLE calls (id INTEGER PRIMARY KEY)"}};
    ASSERT_TRUE(Migrate(*db, "dispatch", other).has_value());
    EXPECT_EQ(db->Query("SELECT count(*) FROM schema_migrations")->front().Int(0), 2);
}

TEST(Migrations, RefusesDatabaseFromNewerBinary) {
    testing::TempDir dir;
    auto db = Open(dir);
    ASSERT_TRUE(Migrate(*db, "notes", kV2).has_value());
    auto r = Migrate(*db, "notes", kV1);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("newer"), std::string::npos);
}

TEST(Migrations, RefusesEditedMigration) {
    testing::TempDir dir;
    auto db = Open(dir);
    ASSERT_TRUE(Migrate(*db, "notes", kV1).has_value());
    const std::vector<Migration> edited = {{1, "create notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY)"}};
    auto r = Migrate(*db, "notes", edited);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("changed"), std::string::npos);
}

TEST(Migrations, FailedMigrationLeavesNoTrace) {
    testing::TempDir dir;
    auto db = Open(dir);
    const std::vector<Migration> broken = {{1, "half", "CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER)"}};
    ASSERT_FALSE(Migrate(*db, "broken", broken).has_value());
    EXPECT_EQ(db->Query("SELECT count(*) FROM sqlite_master WHERE name = 'a'")->front().Int(0), 0);
    EXPECT_EQ(db->Query("SELECT count(*) FROM schema_migrations")->front().Int(0), 0);
}

TEST(Migrations, RejectsGapsInNumbering) {
    testing::TempDir dir;
    auto db = Open(dir);
    const std::vector<Migration> gap = {{1, "a", "SELECT 1"}, {3, "c", "SELECT 1"}};
    EXPECT_FALSE(Migrate(*db, "gap", gap).has_value());
}

}  // namespace
}  // namespace precinct::storage
