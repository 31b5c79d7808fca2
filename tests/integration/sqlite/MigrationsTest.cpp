#include <gtest/gtest.h>

#include "sqlite/Migrations.hpp"
#include "support/Process.hpp"

namespace harmony::sqlite {
namespace {

using harmony::testing::TempDir;

const std::vector<Migration> k_two = {
    {1, "a", "CREATE TABLE a(x INTEGER);"},
    {2, "b", "CREATE TABLE b(y INTEGER REFERENCES a(x));"},
};

TEST(Migrations, AppliesEachOnceAndRecordsTheVersion) {
  TempDir dir;
  auto db = Database::open(dir.file("t.db"));
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ(*apply_migrations(*db, k_two), 2);
  EXPECT_EQ(*apply_migrations(*db, k_two), 2);
  EXPECT_EQ(*db->query_int("PRAGMA user_version"), 2);
  EXPECT_EQ(*db->query_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(*db->query_int("PRAGMA foreign_keys"), 1);
}

TEST(Migrations, AFailingMigrationRollsBackAndKeepsThePreviousVersion) {
  TempDir dir;
  auto db = Database::open(dir.file("t.db"));
  ASSERT_TRUE(db);
  const std::vector<Migration> broken = {
      k_two[0], {2, "bad", "CREATE TABLE c(z); CREATE TABLE oops syntax;"}};
  auto result = apply_migrations(*db, broken);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("migration 2 ('bad')"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(*db->query_int("PRAGMA user_version"), 1);
  EXPECT_EQ(*db->query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'c'"), 0);
}

TEST(Migrations, ADatabaseNewerThanTheProgramIsAConfigError) {
  TempDir dir;
  auto db = Database::open(dir.file("t.db"));
  ASSERT_TRUE(db);
  ASSERT_TRUE(apply_migrations(*db, k_two));
  auto result = apply_migrations(*db, std::span(k_two).first(1));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::config);
}

TEST(Database, AnEmptyStringViewBindsAsEmptyTextNotNull) {
  TempDir dir;
  auto db = Database::open(dir.file("t.db"));
  ASSERT_TRUE(db);
  auto stmt = db->prepare("SELECT ?1 IS NULL, ?1 = ''");
  ASSERT_TRUE(stmt);
  stmt->bind(1, std::string_view());
  ASSERT_TRUE(stmt->step().value());
  EXPECT_EQ(stmt->column_int(0), 0);
  EXPECT_EQ(stmt->column_int(1), 1);
}

TEST(Database, AFileThatIsNotADatabaseIsAFilesystemError) {
  TempDir dir;
  const std::string path = dir.write("junk.db", std::string(4096, 'j'));
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().kind, ErrorKind::filesystem);
  EXPECT_NE(db.error().message.find(path), std::string::npos);
}

}  // namespace
}  // namespace harmony::sqlite
