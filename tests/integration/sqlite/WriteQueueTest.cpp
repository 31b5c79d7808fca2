#include <gtest/gtest.h>

#include "sqlite/WriteQueue.hpp"
#include "support/Process.hpp"

namespace harmony::sqlite {
namespace {

using harmony::testing::TempDir;

Result<void> insert(Database& db, int value) {
  auto stmt = db.prepare("INSERT INTO t(v) VALUES(?1)");
  if (!stmt) {
    return std::move(stmt).error();
  }
  return stmt->bind(1, static_cast<std::int64_t>(value)).run();
}

TEST(WriteQueue, AFailingJobRollsBackAloneInsideAGroupCommit) {
  TempDir dir;
  auto db = Database::open(dir.file("q.db"));
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t(v INTEGER NOT NULL UNIQUE)"));
  const std::string path = db->path();
  std::vector<std::future<Result<void>>> results;
  {
    WriteQueue queue(std::move(*db));
    for (int i = 0; i < 100; ++i) {
      results.push_back(
          queue.submit([i](Database& d) { return insert(d, i % 50 == 7 && i > 50 ? 7 : i); }));
    }
    results.push_back(queue.submit([](Database& d) -> Result<void> {
      if (auto first = insert(d, 1000); !first) {
        return first;
      }
      return make_error(ErrorKind::invalid, "second half failed");  // undoes the 1000 as well
    }));
  }
  int failed = 0;
  for (auto& result : results) {
    failed += result.get() ? 0 : 1;
  }
  EXPECT_EQ(failed, 2);
  auto check = Database::open(path);
  ASSERT_TRUE(check);
  EXPECT_EQ(*check->query_int("SELECT count(*) FROM t"), 99);
  EXPECT_EQ(*check->query_int("SELECT count(*) FROM t WHERE v = 1000"), 0);
}

TEST(WriteQueue, DrainsQueuedJobsOnDestruction) {
  TempDir dir;
  auto db = Database::open(dir.file("q.db"));
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t(v INTEGER NOT NULL)"));
  std::vector<std::future<Result<void>>> results;
  {
    WriteQueue queue(std::move(*db), 4);
    for (int i = 0; i < 1000; ++i) {
      results.push_back(queue.submit([i](Database& d) { return insert(d, i); }));
    }
  }
  for (auto& result : results) {
    EXPECT_TRUE(result.get());
  }
}

}  // namespace
}  // namespace harmony::sqlite
