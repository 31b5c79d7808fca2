// Imports uploaded as files through the daemon: CSV and M3U8 as a form upload or as JSON give the
// same items as pasted text; hostile files are refused and leave nothing.
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "HubFixture.hpp"
#include "ImportCalls.hpp"

using namespace harmony;
using namespace harmony::testing;

namespace {

// A file uploaded as a browser's form sends it (multipart/form-data, a part named "file"): the
// file name's extension chooses the parser.
Hub::Reply upload(Hub& hub, const std::string& name, const std::string& content) {
  const std::string boundary = "----harmony-test-7MA4YWxkTrZu0gW";
  const std::string body = fmt::format(
      "--{0}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{1}\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n{2}\r\n--{0}--\r\n",
      boundary, name, content);
  return hub.call("POST", "/api/v1/imports", body, "multipart/form-data; boundary=" + boundary);
}

// A file's text sent as {"text","name"}: the name's extension chooses the parser as well.
Hub::Reply upload_as_json(Hub& hub, const std::string& name, const std::string& content) {
  return hub.call("POST", "/api/v1/imports",
                  nlohmann::json{{"text", content}, {"name", name}}.dump(
                      -1, ' ', false, nlohmann::json::error_handler_t::ignore));
}

}  // namespace

TEST(HarmonydImports, CsvAndM3u8FilesGiveTheSameItemsAsThePastedText) {
  Hub hub;  // no Spotify: lines are requested as they are
  hub.start({{"HTTP_MAX_BODY_BYTES", "4096"}});
  const auto pasted =
      wait_for_import(hub, submit(hub, "Ana Moura - Desfado (Desfado)\r\nMariza - Loucura\n"));
  ASSERT_EQ(pasted.value("status", ""), "done") << pasted.dump(2);
  const std::string csv =
      "\xEF\xBB\xBFTitle,Artist,Album\r\nDesfado,Ana Moura,Desfado\r\nLoucura,Mariza,\r\n";
  const std::string m3u8 =
      "#EXTM3U\n#EXTINF:-1,Ana Moura - Desfado (Desfado)\nfado/01.flac\n#EXTINF:-1,Mariza - "
      "Loucura\nfado/02.flac\n";
  const std::vector<std::pair<std::string, Hub::Reply>> replies{
      {"list.csv uploaded", upload(hub, "list.csv", csv)},
      {"list.m3u8 uploaded", upload(hub, "list.m3u8", m3u8)},
      {"list.m3u8 as JSON", upload_as_json(hub, "list.m3u8", m3u8)}};
  for (const auto& [name, reply] : replies) {
    ASSERT_EQ(reply.status, 202) << name << ": " << reply.body;
    const auto id = reply.json["id"].get<std::int64_t>();
    const auto result = wait_for_import(hub, id);
    EXPECT_EQ(result.value("format", ""), name.starts_with("list.csv") ? "csv" : "m3u") << name;
    ASSERT_EQ(result["items"].size(), pasted["items"].size()) << name << result.dump(2);
    for (std::size_t i = 0; i < pasted["items"].size(); ++i) {
      const auto& want = pasted["items"][i];
      const auto& got = result["items"][i];
      for (const char* field : {"artist", "title", "album"}) {
        EXPECT_EQ(got["request"].value(field, ""), want["request"].value(field, ""))
            << name << " item " << i;
      }
      EXPECT_EQ(got["download_id"], want["download_id"]) << name << ": the same downloads";
      EXPECT_EQ(got["outcome"], "duplicate");
    }
  }
  // Bad input: a binary file, a header without artist and title, a body over the limit.
  const auto binary = upload(hub, "x.csv", std::string("PK\x03\x04\x01\x00", 6));
  EXPECT_EQ(binary.status, 400) << binary.body;
  const auto header = upload(hub, "x.csv", "name,song\nA,B\n");
  EXPECT_EQ(header.status, 400);
  EXPECT_NE(header.body.find("it has: name, song"), std::string::npos) << header.body;
  EXPECT_EQ(upload(hub, "big.txt", std::string(8192, 'a')).status, 413);
  EXPECT_EQ(upload_as_json(hub, "big.txt", std::string(8192, 'a')).status, 413);
  EXPECT_EQ(hub.call("GET", "/api/v1/imports").json["items"].size(), 4U)
      << "refused uploads leave nothing";
  // Invalid UTF-8 in an uploaded line: that line is an invalid item, its neighbours are read.
  const auto mixed = upload(hub, "mixed.txt", "Ana Moura - Desfado\nBad \xC3\x28 - Line\n");
  ASSERT_EQ(mixed.status, 202) << mixed.body;
  const auto read = wait_for_import(hub, mixed.json["id"].get<std::int64_t>());
  ASSERT_EQ(read["items"].size(), 2U) << read.dump(2);
  EXPECT_EQ(read["items"][0]["outcome"], "duplicate");
  EXPECT_EQ(read["items"][1]["outcome"], "invalid");
  EXPECT_NE(read["items"][1]["reason"].get<std::string>().find("UTF-8"), std::string::npos)
      << read["items"][1].dump();
}
