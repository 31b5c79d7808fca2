#include <gtest/gtest.h>

#include "wire/Exchange.hpp"

namespace harmony::wire {
namespace {

TEST(RequestFormat, AGetHasHostAndConnectionCloseAndNoLength) {
  Request request{"GET", "/containers/json?all=1", "docker"};
  EXPECT_EQ(format_request(request),
            "GET /containers/json?all=1 HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
}

TEST(RequestFormat, APostCarriesItsHeadersLengthAndBody) {
  Request request{"POST",
                  "/exec/abc/start",
                  "docker",
                  {{"Content-Type", "application/json"}},
                  R"({"Detach":false})"};
  EXPECT_EQ(format_request(request),
            "POST /exec/abc/start HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
            "Content-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"Detach\":false}");
}

TEST(RequestFormat, AnEmptyPostStillSaysItsLength) {
  Request request{"POST", "/containers/x/stop", "docker"};
  EXPECT_NE(format_request(request).find("Content-Length: 0\r\n"), std::string::npos);
}

}  // namespace
}  // namespace harmony::wire
