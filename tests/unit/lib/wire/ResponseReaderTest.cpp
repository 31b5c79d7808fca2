#include "wire/ResponseReader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace harmony::wire {
namespace {

using Progress = ResponseReader::Progress;

// Collects what a reader hands on; `stop_after` bytes of body ends the reading.
struct Seen {
  int status = 0;
  std::string api_version;
  std::string body;
  std::vector<std::string> pieces;
  std::size_t stop_after = std::string::npos;

  ResponseReader reader(bool head_only = false) {
    return ResponseReader(
        [this](const ResponseHead& head) {
          status = head.status;
          api_version = std::string(head.header("api-version"));
        },
        [this](std::string_view bytes) {
          body += bytes;
          pieces.emplace_back(bytes);
          return body.size() < stop_after;
        },
        head_only);
  }
};

// Feeds `text` one byte at a time, as a slow peer would send it; returns the last progress.
Result<Progress> trickle(ResponseReader& reader, std::string_view text) {
  Result<Progress> last = Progress::more;
  for (char c : text) {
    last = reader.feed(std::string_view(&c, 1));
    if (!last || *last != Progress::more) {
      return last;
    }
  }
  return last;
}

TEST(ResponseReader, ReadsAContentLengthBodyAndTheHeadFieldsCaseInsensitively) {
  Seen seen;
  auto reader = seen.reader();
  auto progress =
      reader.feed("HTTP/1.1 200 OK\r\nAPI-Version: 1.41\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_TRUE(progress.ok()) << progress.error().message;
  EXPECT_EQ(*progress, Progress::complete);
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.api_version, "1.41");
  EXPECT_EQ(seen.body, "hello");
}

TEST(ResponseReader, DecodesAChunkedBodyArrivingOneByteAtATime) {
  Seen seen;
  auto reader = seen.reader();
  auto progress = trickle(reader,
                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "6\r\n{\"a\":1\r\n3\r\n}\n\n\r\n0\r\n\r\n");
  ASSERT_TRUE(progress.ok()) << progress.error().message;
  EXPECT_EQ(*progress, Progress::complete);
  EXPECT_EQ(seen.body, "{\"a\":1}\n\n");
}

TEST(ResponseReader, ABodyWithoutLengthEndsOnlyWhenThePeerCloses) {
  Seen seen;
  auto reader = seen.reader();
  auto progress = reader.feed("HTTP/1.1 200 OK\r\nContent-Type: x\r\n\r\nstream of bytes");
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(*progress, Progress::more);
  auto finished = reader.finish();
  ASSERT_TRUE(finished.ok()) << finished.error().message;
  EXPECT_EQ(*finished, Progress::complete);
  EXPECT_EQ(seen.body, "stream of bytes");
}

TEST(ResponseReader, APeerClosingInsideAChunkedBodyIsAnError) {
  Seen seen;
  auto reader = seen.reader();
  ASSERT_TRUE(reader.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nab").ok());
  auto finished = reader.finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().kind, ErrorKind::unavailable);
  EXPECT_TRUE(reader.head_seen());
}

TEST(ResponseReader, StopsWhenTheBodyCallbackSaysSo) {
  Seen seen;
  seen.stop_after = 3;
  auto reader = seen.reader();
  auto progress = reader.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(*progress, Progress::stopped);
  auto more = reader.feed("defghij");
  ASSERT_TRUE(more.ok());
  EXPECT_EQ(*more, Progress::stopped);
  EXPECT_EQ(seen.body, "abc");
}

TEST(ResponseReader, ANoContentAnswerIsCompleteWithoutABody) {
  Seen seen;
  auto reader = seen.reader();
  auto progress = reader.feed("HTTP/1.1 204 No Content\r\nServer: Docker\r\n\r\n");
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(*progress, Progress::complete);
  EXPECT_EQ(seen.status, 204);
  EXPECT_TRUE(seen.body.empty());
}

TEST(ResponseReader, TheAnswerToAHeadHasNoBodyWhateverItsLengthSays) {
  Seen seen;
  auto reader = seen.reader(true);
  auto progress = reader.feed("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n");
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(*progress, Progress::complete);
}

TEST(ResponseReader, BytesAfterACompleteResponseAreNotRead) {
  Seen seen;
  auto reader = seen.reader();
  auto progress =
      reader.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 500 Oops\r\n\r\n");
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(*progress, Progress::complete);
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body, "ok");
}

TEST(ResponseReader, AMalformedStatusLineIsInvalidInput) {
  Seen seen;
  auto reader = seen.reader();
  auto progress = reader.feed("HTTP/1.1 two hundred\r\n\r\n");
  ASSERT_FALSE(progress.ok());
  EXPECT_EQ(progress.error().kind, ErrorKind::invalid);
  EXPECT_NE(progress.error().message.find("malformed HTTP response"), std::string::npos);
  EXPECT_EQ(seen.status, 0);
}

TEST(ResponseReader, RefusesMoreThanAHundredHeaderFields) {
  Seen seen;
  auto reader = seen.reader();
  std::string head = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 101; ++i) {
    head += "X-Field-" + std::to_string(i) + ": v\r\n";
  }
  auto progress = reader.feed(head + "\r\n");
  ASSERT_FALSE(progress.ok());
  EXPECT_EQ(progress.error().kind, ErrorKind::invalid);
  EXPECT_NE(progress.error().message.find("100 header fields"), std::string::npos);
}

TEST(ResponseReader, RefusesAHeadLargerThanHttpParsersLimit) {
  Seen seen;
  auto reader = seen.reader();
  auto progress = reader.feed("HTTP/1.1 200 OK\r\nX-Big: " + std::string(100 * 1024, 'a'));
  ASSERT_FALSE(progress.ok());
  EXPECT_EQ(progress.error().kind, ErrorKind::invalid);
}

}  // namespace
}  // namespace harmony::wire
