// Imports in a real SQLite store: a page of a long import reads only its lines, and its totals
// come from the import's own row and the primary key, not from reading every item.
#include "store/ImportRepository.hpp"

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "support/Process.hpp"

using namespace harmony;
using namespace harmony::harmonyd;

namespace {

// Line `line` of a 10,000-line import: every tenth not understood, every fifth (of the rest) the
// same recording as the line before it, the others new downloads.
imports::ImportItem item(std::size_t line) {
  imports::ImportItem item;
  item.line = line;
  item.kind = "track";
  item.text = fmt::format("Artist {} - Song {}", line, line);
  item.request.artist = fmt::format("Artist {}", line);
  item.request.title = fmt::format("Song {}", line);
  item.request.source = "import";
  if (line % 10 == 0) {
    item.kind = "invalid";
    item.outcome = "invalid";
    item.reason = "no \" - \" between artist and title";
  } else if (line % 5 == 0) {
    item.outcome = "duplicate";
    item.reason = fmt::format("line {} asks for the same recording", line - 1);
  }
  return item;
}

}  // namespace

TEST(ImportRepository, APageOfATenThousandLineImportHoldsItsLinesAndTheImportsTotals) {
  harmony::testing::TempDir dir;
  auto opened = store::Store::open({dir.file("harmony.db"), false});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  store::ImportRepository repository(**opened);
  const auto id = repository.create("list.txt", 1000);
  ASSERT_TRUE(id.ok()) << id.error().message;
  std::vector<imports::ImportItem> items;
  for (std::size_t line = 1; line <= 10'000; ++line) {
    items.push_back(item(line));
  }
  ASSERT_TRUE(
      repository.finish(*id, "text", items, {{"lines", 10'000}, {"items", 10'000}}, 2000).ok());

  const auto first = repository.page(*id, 0, 200);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(first->has_value());
  const nlohmann::json& page = **first;
  EXPECT_EQ(page["status"], "done");
  EXPECT_EQ(page["item_count"], 10'000);
  ASSERT_EQ(page["items"].size(), 200U);
  for (std::size_t i = 0; i < 200; ++i) {
    EXPECT_EQ(page["items"][i]["line"], i + 1);
  }
  EXPECT_EQ(page["items"][9]["outcome"], "invalid");
  EXPECT_EQ(page["items"][4]["outcome"], "duplicate");
  EXPECT_EQ(page["items"][0]["outcome"], "queued");
  // 1,000 invalid, 1,000 duplicates (every fifth line that is not every tenth), 8,000 queued.
  EXPECT_EQ(page["summary"]["outcomes"],
            (nlohmann::json{{"duplicate", 1000}, {"invalid", 1000}, {"queued", 8000}}));

  const auto last = repository.page(*id, 9'900, 200);
  ASSERT_TRUE(last.ok() && last->has_value());
  ASSERT_EQ((**last)["items"].size(), 100U);
  EXPECT_EQ((**last)["items"][0]["line"], 9'901);
  EXPECT_EQ((**last)["items"][99]["line"], 10'000);
  const auto beyond = repository.page(*id, 20'000, 200);
  ASSERT_TRUE(beyond.ok() && beyond->has_value());
  EXPECT_TRUE((**beyond)["items"].empty());
  EXPECT_EQ((**beyond)["item_count"], 10'000);

  const auto whole = repository.get(*id);
  ASSERT_TRUE(whole.ok() && whole->has_value());
  EXPECT_EQ((**whole)["items"].size(), 10'000U) << "the API's read still holds every item";
  EXPECT_FALSE((**whole).contains("item_count"));
  const auto unknown = repository.page(*id + 1, 0, 200);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());
}
