// What POST /api/v1/playlists accepts as a playlist.
#include <gtest/gtest.h>

#include "playlists/Playlist.hpp"

using harmony::harmonyd::playlists::parse_playlist_reference;

namespace {
constexpr const char* k_id = "37i9dQZF1DXcBWIGoYBM5M";
}

TEST(PlaylistReference, AcceptsLinksUrisBareIdsAndLiked) {
  for (const std::string& text :
       {std::string("https://open.spotify.com/playlist/") + k_id + "?si=0a1b2c",
        std::string("open.spotify.com/playlist/") + k_id + "/",
        std::string("spotify:playlist:") + k_id, std::string(" ") + k_id + " "}) {
    auto id = parse_playlist_reference(text);
    ASSERT_TRUE(id.ok()) << text;
    EXPECT_EQ(*id, k_id) << text;
  }
  EXPECT_EQ(parse_playlist_reference("liked").value(), "liked");
}

TEST(PlaylistReference, RefusesAnythingElseNamingTheField) {
  for (const std::string& text :
       {std::string(""), std::string("https://example.com/playlist/") + k_id,
        std::string("spotify:album:") + k_id, std::string("spotify:playlist:short"),
        std::string("../../etc"), std::string(k_id) + "x"}) {
    auto id = parse_playlist_reference(text);
    ASSERT_FALSE(id.ok()) << text;
    EXPECT_EQ(id.error().kind, harmony::ErrorKind::invalid);
    EXPECT_NE(id.error().message.find("'playlist'"), std::string::npos) << id.error().message;
  }
}
