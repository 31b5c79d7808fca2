// The multipart/form-data reader behind file uploads.
#include <gtest/gtest.h>

#include "imports/Multipart.hpp"

namespace harmony::harmonyd::imports {
namespace {

TEST(Multipart, FindsTheNamedPartWithItsFileName) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\nartist,title\r\nA,B\r\n\r\n--XyZ--\r\n";
  const auto file = multipart_file("multipart/form-data; boundary=XyZ", body, "file");
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->file_name, "list.csv");
  EXPECT_EQ(file->content, "artist,title\r\nA,B\r\n");
}

TEST(Multipart, NamesWhatIsMissing) {
  EXPECT_NE(multipart_file("multipart/form-data", "x", "file").error().message.find("boundary"),
            std::string::npos);
  const auto missing = multipart_file("multipart/form-data; boundary=\"b\"",
                                      "--b\r\nContent-Disposition: form-data; "
                                      "name=\"other\"\r\n\r\nx\r\n--b--\r\n",
                                      "file");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no part named 'file'"), std::string::npos);
  EXPECT_FALSE(multipart_file("multipart/form-data; boundary=b",
                              "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx",
                              "file"));
}

}  // namespace
}  // namespace harmony::harmonyd::imports
