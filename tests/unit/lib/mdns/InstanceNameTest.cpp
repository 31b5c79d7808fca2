#include <gtest/gtest.h>

#include "mdns/InstanceName.hpp"

namespace harmony::mdns {
namespace {

const std::string k_hex = "0123456789abcdef0123456789ABCDEF";

TEST(IsInstanceOf, MatchesTheBareNameAndTheNameWithTheTidalSuffix) {
  EXPECT_TRUE(is_instance_of("hifiberry", "hifiberry"));
  EXPECT_TRUE(is_instance_of("hifiberry", "hifiberry-" + k_hex));
}

TEST(IsInstanceOf, DoesNotMatchANameThatMerelyStartsWithOurs) {
  EXPECT_FALSE(is_instance_of("hifiberry", "hifiberry2-" + k_hex));
  EXPECT_FALSE(is_instance_of("hifiberry", "hifiberry-kitchen-" + k_hex));
  EXPECT_FALSE(is_instance_of("hifiberry", "hifiberry-" + k_hex.substr(1)));
  EXPECT_FALSE(is_instance_of("hifiberry", "hifiberry-" + k_hex + "0"));
  EXPECT_FALSE(is_instance_of("hifiberry", "hifiberry-0123456789abcdef0123456789abcdeg"));
  EXPECT_FALSE(is_instance_of("hifiberry", "my-hifiberry-" + k_hex));
}

TEST(IsInstanceOf, TreatsRegexCharactersAsPlainText) {
  EXPECT_FALSE(is_instance_of("hifi.erry", "hifiberry-" + k_hex));
  EXPECT_FALSE(is_instance_of("hifi.*", "hifiberry-" + k_hex));
  EXPECT_TRUE(is_instance_of("hifi.*", "hifi.*-" + k_hex));
}

TEST(IsInstanceOf, MatchesSpacesQuotesAndNonAsciiExactly) {
  EXPECT_TRUE(is_instance_of("Living Room", "Living Room-" + k_hex));
  EXPECT_FALSE(is_instance_of("Living Room", "Living\\032Room-" + k_hex));
  EXPECT_TRUE(is_instance_of("Kid's \"Den\"", "Kid's \"Den\"-" + k_hex));
  EXPECT_TRUE(is_instance_of("Küche", "Küche-" + k_hex));
  EXPECT_FALSE(is_instance_of("Küche", "Kuche-" + k_hex));
}

TEST(IsInstanceOf, NeverMatchesAnEmptyName) {
  EXPECT_FALSE(is_instance_of("", "-" + k_hex));
}

TEST(ValidateFriendlyName, AcceptsSpacesDotsQuotesAndNonAscii) {
  EXPECT_TRUE(validate_friendly_name("Living Room"));
  EXPECT_TRUE(validate_friendly_name("hifi.berry"));
  EXPECT_TRUE(validate_friendly_name("Kid's \"Den\""));
  EXPECT_TRUE(validate_friendly_name("Küche"));
}

TEST(ValidateFriendlyName, AcceptsExactlyThirtyBytesAndRejectsThirtyOne) {
  EXPECT_TRUE(validate_friendly_name(std::string(30, 'a')));
  const auto too_long = validate_friendly_name(std::string(31, 'a'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().kind, ErrorKind::invalid);
  EXPECT_NE(too_long.error().message.find("31 bytes"), std::string::npos);
  EXPECT_NE(too_long.error().message.find("63-byte DNS label"), std::string::npos);
  EXPECT_NE(too_long.error().message.find("at most 30 bytes"), std::string::npos);
}

TEST(ValidateFriendlyName, CountsBytesNotLettersForNonAscii) {
  // 15 letters, 30 bytes: fits. 16 letters, 32 bytes: does not.
  std::string fits;
  std::string too_long;
  for (int i = 0; i < 15; ++i) {
    fits += "ü";
  }
  too_long = fits + "ü";
  EXPECT_TRUE(validate_friendly_name(fits));
  EXPECT_FALSE(validate_friendly_name(too_long));
}

TEST(ValidateFriendlyName, RejectsEmptyInvalidUtf8AndControlCharacters) {
  EXPECT_FALSE(validate_friendly_name(""));
  const auto latin1 = validate_friendly_name(
      "K\xfc"
      "che");
  ASSERT_FALSE(latin1);
  EXPECT_NE(latin1.error().message.find("UTF-8"), std::string::npos);
  EXPECT_FALSE(validate_friendly_name("\xc0\xaf"));      // overlong '/'
  EXPECT_FALSE(validate_friendly_name("\xed\xa0\x80"));  // surrogate
  const auto tab = validate_friendly_name("a\tb");
  ASSERT_FALSE(tab);
  EXPECT_NE(tab.error().message.find("control character"), std::string::npos);
}

TEST(UnescapeLabel, DecodesAvahiBrowseEscapes) {
  EXPECT_EQ(unescape_label("Living\\032Room").value(), "Living Room");
  EXPECT_EQ(unescape_label("a\\.b").value(), "a.b");
  EXPECT_EQ(unescape_label("x\\\\y").value(), "x\\y");
  EXPECT_EQ(unescape_label("K\\195\\188che").value(), "Küche");
  EXPECT_EQ(unescape_label("plain").value(), "plain");
}

TEST(UnescapeLabel, RejectsBrokenEscapes) {
  EXPECT_FALSE(unescape_label("a\\"));
  EXPECT_FALSE(unescape_label("a\\12"));
  EXPECT_FALSE(unescape_label("a\\256"));
}

TEST(Printable, EscapesControlBytesAndBoundsLength) {
  EXPECT_EQ(printable("a\nb"), "a\\x0ab");
  EXPECT_EQ(printable(std::string(200, 'x')).size(), 96 + std::string("…").size());
}

}  // namespace
}  // namespace harmony::mdns
