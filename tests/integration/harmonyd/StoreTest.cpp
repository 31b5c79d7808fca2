// harmonyd's store on a real SQLite file.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "store/Schema.hpp"
#include "store/SettingsRepository.hpp"
#include "store/Store.hpp"
#include "support/Process.hpp"

namespace harmony::harmonyd::store {
namespace {

using harmony::testing::TempDir;

std::string fmt_key(int thread, int index) {
  return "t" + std::to_string(thread) + "-" + std::to_string(index);
}

TEST(Store, EightThreadsTimesFiveThousandWritesNeverSeeDatabaseIsLocked) {
  TempDir dir;
  auto store = Store::open({dir.file("harmony.db")});
  ASSERT_TRUE(store) << store.error().message;
  SettingsRepository settings(**store);
  constexpr int k_threads = 8;
  constexpr int k_writes = 5000;
  std::atomic<int> failures{0};
  std::atomic<int> locked{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < k_threads; ++t) {
    writers.emplace_back([&, t] {
      std::vector<std::future<Result<void>>> pending;
      for (int i = 0; i < k_writes; ++i) {
        pending.push_back(settings.put(fmt_key(t, i), std::to_string(i)));
        // Readers run alongside the writer, as request handlers would.
        if (i % 500 == 0) {
          auto value = settings.get(fmt_key(t, 0));
          if (!value) {
            ++failures;
            locked += value.error().message.find("locked") != std::string::npos;
          }
        }
      }
      for (auto& done : pending) {
        auto result = done.get();
        if (!result) {
          ++failures;
          locked += result.error().message.find("locked") != std::string::npos;
        }
      }
    });
  }
  for (auto& writer : writers) {
    writer.join();
  }
  EXPECT_EQ(locked.load(), 0);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*settings.count(), k_threads * k_writes);
  EXPECT_EQ((*store)->writes().committed_jobs(), static_cast<std::uint64_t>(k_threads * k_writes));
}

TEST(Store, ReopeningKeepsDataAndSchemaVersion) {
  TempDir dir;
  {
    auto store = Store::open({dir.file("harmony.db")});
    ASSERT_TRUE(store) << store.error().message;
    SettingsRepository settings(**store);
    ASSERT_TRUE(settings.put("k", "v").get());
  }
  auto store = Store::open({dir.file("harmony.db")});
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ((*store)->schema_version(), migrations().back().version);
  EXPECT_EQ(*SettingsRepository(**store).get("k"), std::optional<std::string>("v"));
}

TEST(Store, CorruptPageIsRefusedWithTheIntegrityResult) {
  TempDir dir;
  const std::string path = dir.file("harmony.db");
  {
    auto store = Store::open({path});
    ASSERT_TRUE(store);
    SettingsRepository settings(**store);
    for (int i = 0; i < 200; ++i) {
      ASSERT_TRUE(settings.put("key-" + std::to_string(i), std::string(200, 'v')).get());
    }
  }
  {
    // Move every page from the WAL into the main file, which the test then damages.
    auto db = sqlite::Database::open(path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  // Overwrite page 2 (a b-tree page) from its header on, keeping the file header intact.
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);
    const std::string junk(3000, '\x7f');
    file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto reopened = Store::open({path});
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().kind, ErrorKind::filesystem);
  EXPECT_NE(reopened.error().message.find("integrity check"), std::string::npos)
      << reopened.error().message;
  auto reset = Store::open({path, true});
  ASSERT_TRUE(reset) << reset.error().message;
  EXPECT_EQ(*SettingsRepository(**reset).count(), 0);
}

}  // namespace
}  // namespace harmony::harmonyd::store
