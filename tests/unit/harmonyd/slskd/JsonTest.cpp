#include "integrations/slskd/Json.hpp"

#include <gtest/gtest.h>

namespace harmony::harmonyd::slskd {
namespace {

TEST(SlskdJson, NumbersJustOutsideInt64AreTreatedAsMissing) {
  // 2^63 as a float passes a "<= (double)INT64_MAX" check, since that max rounds up to 2^63.
  const auto big = nlohmann::json::parse(
      R"({"id":"t","size":9223372036854775808.0,"bytesTransferred":18446744073709551615})");
  const Transfer parsed = json::transfer(big);
  EXPECT_EQ(parsed.size, 0);
  EXPECT_EQ(parsed.bytes_transferred, 0);
}

TEST(SlskdJson, TheLargestInt64AndNegativeValuesAreKeptExactly) {
  const auto edge =
      nlohmann::json::parse(R"({"id":"t","size":9223372036854775807,"bytesTransferred":-1})");
  const Transfer parsed = json::transfer(edge);
  EXPECT_EQ(parsed.size, INT64_MAX);
  EXPECT_EQ(parsed.bytes_transferred, -1);
}

TEST(SlskdJson, AnIntFieldOutOfRangeOrNotFiniteIsMissing) {
  const auto peer = nlohmann::json::parse(
      R"({"username":"u","queueLength":2147483648,"uploadSpeed":1e300,"files":[]})");
  const PeerResponse parsed = json::peer_response(peer);
  EXPECT_EQ(parsed.queue_length, 0);
  EXPECT_EQ(parsed.upload_speed, 0);
}

}  // namespace
}  // namespace harmony::harmonyd::slskd
