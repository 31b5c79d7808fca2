#include "Peers.hpp"

namespace harmony::testing {

using fakes::SlskdStandIn;

bool add_three_peers(SlskdStandIn& standin, SlskdStandIn::Outcome flac_outcome) {
  return standin.add({.username = "live_peer",
                      .filename = "@@a\\The Beatles\\Let It Be (Live)\\06 - Let It Be (Live).flac",
                      .seconds = 4.5,
                      .length_s = 5}) &&
         standin.add({.username = "mp3_peer",
                      .filename = "@@b\\The Beatles\\Let It Be\\06 - Let It Be.mp3",
                      .audio = "mp3:128",
                      .seconds = 4.0,
                      .bit_rate = 128,
                      .length_s = 4}) &&
         standin.add({.username = "flac_peer",
                      .filename = "@@c\\The Beatles\\Let It Be (1970)\\06 - Let It Be.flac",
                      .seconds = 4.0,
                      .outcome = flac_outcome});
}

bool add_hostile_peers(SlskdStandIn& standin) {
  return standin.add(
             {.username = "evil1", .filename = "@@x\\..\\..\\etc\\passwd", .audio = "text"}) &&
         standin.add(
             {.username = "evil2", .filename = "@@x\\..\\06 - Let It Be.flac", .seconds = 4.0}) &&
         standin.add({.username = "evil3",
                      .filename = "@@x\\Let It Be\\06 - Let It Be\x01.flac",
                      .seconds = 4.0}) &&
         standin.add({.username = "liar",
                      .filename = "@@y\\The Beatles\\Let It Be\\06 - Let It Be.flac",
                      .seconds = 4.0,
                      .announced_size = 1234}) &&
         standin.add({.username = "fake",
                      .filename = "@@z\\The Beatles\\Let It Be\\06 Let It Be.flac",
                      .audio = "text"}) &&
         standin.add({.username = "good",
                      .filename = "@@g\\The Beatles - Let It Be\\06 - Let It Be.mp3",
                      .audio = "mp3:320",
                      .seconds = 4.0,
                      .bit_rate = 320});
}

}  // namespace harmony::testing
