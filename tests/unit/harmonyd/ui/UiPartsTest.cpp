#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"
#include "ui/Forms.hpp"
#include "ui/LoginThrottle.hpp"

namespace harmony::harmonyd::ui {
namespace {

http::Request form_request(std::string type, std::string body) {
  http::Request request;
  request.method = "POST";
  request.headers.emplace("Content-Type", std::move(type));
  request.body = std::move(body);
  return request;
}

TEST(UiForms, ParseOnlyUrlEncodedBodies) {
  EXPECT_TRUE(parse_form(form_request("application/x-www-form-urlencoded; charset=UTF-8", "a=1")));
  EXPECT_FALSE(parse_form(form_request("application/json", "{\"a\":1}")));
  EXPECT_FALSE(parse_form(form_request("multipart/form-data; boundary=x", "a=1")));
  http::Request untyped = form_request("", "a=1");
  untyped.headers.clear();
  EXPECT_FALSE(parse_form(untyped));
}

TEST(UiForms, DecodePlusPercentEscapesAndKeepTheFirstOfARepeatedField) {
  auto form = parse_form(
      form_request("application/x-www-form-urlencoded", "q=The+Beatles+%E2%80%93+Let&q=x&e"));
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("q"), "The Beatles – Let");
  EXPECT_EQ(form->get("e"), "");
  EXPECT_FALSE(form->get("missing"));
}

TEST(UiForms, RefuseAMalformedPercentEscapeNamingIt) {
  auto form = parse_form(form_request("application/x-www-form-urlencoded", "a=1&bad=%zz"));
  ASSERT_FALSE(form);
  EXPECT_EQ(form.error().kind, ErrorKind::invalid);
  EXPECT_NE(form.error().message.find("%-escape"), std::string::npos) << form.error().message;
  EXPECT_EQ(form_error_status(form_request("application/x-www-form-urlencoded", "bad=%zz")), 400);
  EXPECT_EQ(form_error_status(form_request("text/plain", "a=1")), 415);
}

TEST(LoginThrottle, BlocksAClientAtSixFailuresUntilTheOldestLeavesTheWindow) {
  fakes::FakeClock clock;
  LoginThrottle throttle(clock);
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(throttle.failed("a"));
    clock.advance(std::chrono::seconds(10));
  }
  EXPECT_EQ(throttle.blocked_for("a").count(), 0);
  EXPECT_TRUE(throttle.failed("a"));
  EXPECT_EQ(throttle.blocked_for("a").count(), 300 - 50);
  EXPECT_EQ(throttle.blocked_for("b").count(), 0) << "per client";
  clock.advance(std::chrono::seconds(250));
  EXPECT_EQ(throttle.blocked_for("a").count(), 0);
}

TEST(LoginThrottle, ASuccessClearsTheClientsFailures) {
  fakes::FakeClock clock;
  LoginThrottle throttle(clock);
  for (int i = 0; i < 5; ++i) {
    throttle.failed("a");
  }
  throttle.succeeded("a");
  EXPECT_FALSE(throttle.failed("a"));
}

TEST(LoginThrottle, KeepsAtMostMaxClients) {
  fakes::FakeClock clock;
  LoginThrottle throttle(clock, 6, std::chrono::minutes(5), 2);
  for (int i = 0; i < 6; ++i) {
    throttle.failed("a");
  }
  clock.advance(std::chrono::seconds(1));
  throttle.failed("b");
  throttle.failed("c");  // evicts "a", whose last failure is oldest
  EXPECT_EQ(throttle.blocked_for("a").count(), 0);
}

}  // namespace
}  // namespace harmony::harmonyd::ui
