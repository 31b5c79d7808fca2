#include "hdm/CandidateScorer.hpp"

#include <gtest/gtest.h>

using namespace harmony::harmonyd;
using hdm::CandidateScorer;

namespace {

hdm::ScoringOptions options(double threshold = 0.6) {
  hdm::ScoringOptions opts{hdm::FormatPreference::parse(hdm::FormatPreference::k_default).value()};
  opts.threshold = threshold;
  return opts;
}

hdm::TrackRequest let_it_be() {
  return {"The Beatles", "Let It Be", "Let It Be", 1970, 6, 243'000, ""};
}

slskd::SearchFile file(std::string name, std::optional<int> kbps, std::optional<int> length) {
  slskd::SearchFile f;
  f.filename = std::move(name);
  f.size = 30'000'000;
  f.bit_rate = kbps;
  f.length_s = length;
  return f;
}

slskd::PeerResponse peer(std::string user, std::vector<slskd::SearchFile> files, bool slot = true,
                         int queue = 0) {
  return {std::move(user), slot, queue, 1'000'000, std::move(files)};
}

}  // namespace

TEST(CandidateScorer, ChoosesTheFlacAlbumVersionOverLiveAndLowBitrate) {
  CandidateScorer scorer(let_it_be(), options());
  const std::vector<slskd::PeerResponse> responses{
      peer("live_peer",
           {file("@@a\\The Beatles\\Let It Be (Live)\\06 - Let It Be (Live).flac", {}, 250)}),
      peer("mp3_peer", {file("@@b\\The Beatles\\Let It Be\\06 - Let It Be.mp3", 128, 243)}),
      peer("flac_peer", {file("@@c\\The Beatles\\Let It Be (1970)\\06 - Let It Be.flac", {}, 243),
                         file("@@c\\The Beatles\\Let It Be (1970)\\cover.jpg", {}, {})})};
  const auto ranked = scorer.rank(responses);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked.front().username, "flac_peer");
  EXPECT_EQ(ranked.front().score.format_label, "flac");
  EXPECT_EQ(ranked.front().score.edition_penalty, 0.0);
  for (const auto& candidate : ranked) {
    EXPECT_EQ(candidate.file.filename.find("cover.jpg"), std::string::npos);
    if (candidate.username == "live_peer") {
      EXPECT_EQ(candidate.score.edition_words, "live");
    }
  }
  if (ranked.size() > 1) {
    EXPECT_GT(ranked[0].score.total, ranked[1].score.total);
  }
}

TEST(CandidateScorer, DoesNotPenaliseAnEditionTheRequestAskedFor) {
  auto request = let_it_be();
  request.title = "Let It Be (Live)";
  CandidateScorer scorer(request, options(0.0));
  const auto live = peer("p", {file("@@a\\The Beatles\\06 - Let It Be (Live).flac", {}, 243)});
  const auto score = scorer.score(live, live.files[0]);
  ASSERT_TRUE(score.has_value());
  EXPECT_EQ(score->edition_penalty, 0.0);
}

TEST(CandidateScorer, RejectsAWrongSongBelowTheThreshold) {
  CandidateScorer scorer(let_it_be(), options());
  const auto ranked = scorer.rank(
      {peer("p", {file("@@a\\Other Band\\Greatest\\01 - Something Else.flac", {}, 200)})});
  EXPECT_TRUE(ranked.empty());
}

TEST(CandidateScorer, ScoresDurationAgainstTheRequestAndKeepsUnknownLengthNeutral) {
  CandidateScorer scorer(let_it_be(), options(0.0));
  const auto p = peer("p", {file("a\\The Beatles - Let It Be.flac", {}, 244),
                            file("a\\The Beatles - Let It Be.flac", {}, 400),
                            file("a\\The Beatles - Let It Be.flac", {}, {})});
  EXPECT_DOUBLE_EQ(scorer.score(p, p.files[0])->duration, 1.0);
  EXPECT_DOUBLE_EQ(scorer.score(p, p.files[1])->duration, 0.0);
  EXPECT_DOUBLE_EQ(scorer.score(p, p.files[2])->duration, 0.5);
}

TEST(CandidateScorer, PrefersAFreeSlotAndAShortQueue) {
  CandidateScorer scorer(let_it_be(), options(0.0));
  const auto f = file("a\\The Beatles\\Let It Be\\06 - Let It Be.flac", {}, 243);
  const auto busy = peer("busy", {f}, false, 50);
  const auto idle = peer("idle", {f}, true, 0);
  EXPECT_GT(scorer.score(idle, f)->peer, scorer.score(busy, f)->peer);
  const auto ranked = scorer.rank({busy, idle});
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].username, "idle");
}

TEST(CandidateScorer, DownranksThenIgnoresPeersThatFailedBefore) {
  CandidateScorer scorer(let_it_be(), options(0.0));
  const auto f = file("a\\The Beatles\\Let It Be\\06 - Let It Be.flac", {}, 243);
  const std::vector<slskd::PeerResponse> responses{peer("a", {f}), peer("b", {f})};
  auto ranked = scorer.rank(responses, {{"a", 1}});
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].username, "b");
  EXPECT_GT(ranked[1].score.peer_failure_penalty, 0.0);
  ranked = scorer.rank(responses, {{"a", 2}});
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].username, "b");
}

TEST(CandidateScorer, MatchesAccentedAndFullWidthNames) {
  CandidateScorer scorer({"Beyoncé", "Halo", "", {}, {}, {}, ""}, options());
  const auto p = peer("p", {file("@@x\\BEYONCE\\I Am\\05 - ＨＡＬＯ.flac", {}, {})});
  const auto ranked = scorer.rank({p});
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_DOUBLE_EQ(ranked[0].score.title, 1.0);
  EXPECT_DOUBLE_EQ(ranked[0].score.artist, 1.0);
}

TEST(ScoreBreakdown, RoundTripsThroughJson) {
  CandidateScorer scorer(let_it_be(), options(0.0));
  const auto p =
      peer("p", {file("a\\The Beatles\\Let It Be\\06 - Let It Be (Live).mp3", 320, 243)});
  const auto score = scorer.score(p, p.files[0]).value();
  const auto json = score.to_json();
  EXPECT_EQ(json.at("format_label"), "mp3 320");
  const auto back = hdm::ScoreBreakdown::from_json(json);
  EXPECT_NEAR(back.total, score.total, 1e-4);
  EXPECT_EQ(back.edition_words, "live");
}

TEST(CandidateScorer, PenalisesTheConfiguredEditionWordsOnly) {
  auto opts = options();
  opts.edition_words = hdm::parse_edition_words("Remastered, LIVE").value();
  CandidateScorer scorer(let_it_be(), opts);
  const auto responder = peer("p", {});
  const auto remastered = scorer.score(
      responder, file("@@r\\The Beatles\\Let It Be\\06 - Let It Be (Remastered).flac", {}, 243));
  const auto demo = scorer.score(
      responder, file("@@d\\The Beatles\\Let It Be\\06 - Let It Be (Demo).flac", {}, 243));
  ASSERT_TRUE(remastered && demo);
  EXPECT_GT(remastered->edition_penalty, 0.0);
  EXPECT_EQ(remastered->edition_words, "remastered");
  EXPECT_EQ(demo->edition_penalty, 0.0) << "demo is not in this list";
}

TEST(EditionWords, ParsesANormalisedListAndRefusesPhrases) {
  EXPECT_EQ(hdm::parse_edition_words(" Live ,Ácapella,, KARAOKE ").value(),
            (std::vector<std::string>{"live", "acapella", "karaoke"}));
  EXPECT_TRUE(hdm::parse_edition_words("").value().empty());
  const auto phrase = hdm::parse_edition_words("live, radio edit");
  ASSERT_FALSE(phrase.ok());
  EXPECT_NE(phrase.error().message.find("radio edit"), std::string::npos);
}
