#include <cstdlib>

#include <gtest/gtest.h>

#include "Testbed.hpp"
#include "mdns/AvahiConnection.hpp"
#include "mdns/AvahiServiceBrowser.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using mdns::BrowseEventKind;

const std::string k_hex = "fedcba9876543210fedcba9876543210";

// Takes events until one of `kind` (for `name`, when given) arrives; nothing after `timeout`.
std::optional<mdns::BrowseEvent> take_until(mdns::ServiceBrowser& browser, BrowseEventKind kind,
                                            std::chrono::milliseconds timeout,
                                            const std::string& name = {}) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (auto event = browser.next_event(deadline)) {
    if (event->kind == kind && (name.empty() || event->instance.name == name)) {
      return event;
    }
  }
  return std::nullopt;
}

std::unique_ptr<mdns::AvahiConnection> connect_to(const Testbed& testbed, char host) {
  setenv("DBUS_SYSTEM_BUS_ADDRESS", testbed.bus(host).c_str(), 1);
  auto connection = mdns::AvahiConnection::open(mdns::AvahiConnection::Mode::fail_fast);
  EXPECT_TRUE(connection.ok()) << connection.error().message;
  return connection.ok() ? std::move(connection).value() : nullptr;
}

TEST(AvahiBrowser, SeesAndResolvesAServiceOfAnotherHost) {
  std::string why;
  auto testbed = Testbed::shared(why);
  HARMONY_REQUIRE(testbed != nullptr, why);
  const std::string name = "Küche \"3\".x-" + k_hex;
  auto publisher = testbed->publish('A', name, {"mn=HiFiBerry", "id=42"});
  ASSERT_TRUE(publisher);
  auto connection = connect_to(*testbed, 'B');
  ASSERT_TRUE(connection);
  EXPECT_EQ(connection->state(), mdns::ServerState::running);
  EXPECT_EQ(connection->host_name(), testbed->get("MDNS_HOST_B") + ".local");

  mdns::AvahiBrowser browser(*connection);
  ASSERT_TRUE(browser.browse("_tidalconnect._tcp"));
  const auto added = take_until(browser, BrowseEventKind::added, 5s, name);
  ASSERT_TRUE(added) << "raw, unescaped name expected";
  EXPECT_FALSE(added->instance.local);

  const auto resolved = browser.resolve(added->instance, 5s);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(resolved->host_name, testbed->get("MDNS_HOST_A") + ".local");
  EXPECT_EQ(resolved->address, testbed->get("MDNS_ADDR_A"));
  EXPECT_EQ(resolved->port, 2019);
  EXPECT_NE(std::find(resolved->txt.begin(), resolved->txt.end(), "mn=HiFiBerry"),
            resolved->txt.end());
  EXPECT_NE(std::find(resolved->txt.begin(), resolved->txt.end(), "id=42"), resolved->txt.end());
}

TEST(AvahiBrowser, ReportsCacheExhaustedAllForNowAndRemove) {
  std::string why;
  auto testbed = Testbed::shared(why);
  HARMONY_REQUIRE(testbed != nullptr, why);
  const std::string name = "events-" + k_hex;
  auto publisher = testbed->publish('B', name);
  ASSERT_TRUE(publisher);
  auto connection = connect_to(*testbed, 'B');
  ASSERT_TRUE(connection);
  mdns::AvahiBrowser browser(*connection);
  ASSERT_TRUE(browser.browse("_tidalconnect._tcp"));
  const auto added = take_until(browser, BrowseEventKind::added, 5s, name);
  ASSERT_TRUE(added);
  EXPECT_TRUE(added->instance.local) << "published by this host's own daemon: the LOCAL flag";
  EXPECT_FALSE(added->instance.our_own);
  ASSERT_TRUE(take_until(browser, BrowseEventKind::all_for_now, 5s));

  publisher
      .reset();  // SIGKILL of avahi-publish: its D-Bus client vanishes, the daemon withdraws it
  EXPECT_TRUE(take_until(browser, BrowseEventKind::removed, 5s, name));

  ASSERT_TRUE(browser.browse("_tidalconnect._tcp"));
  EXPECT_TRUE(take_until(browser, BrowseEventKind::cache_exhausted, 5s));
}

TEST(AvahiBrowser, RejectsAnInvalidServiceType) {
  std::string why;
  auto testbed = Testbed::shared(why);
  HARMONY_REQUIRE(testbed != nullptr, why);
  auto connection = connect_to(*testbed, 'B');
  ASSERT_TRUE(connection);
  mdns::AvahiBrowser browser(*connection);
  const auto started = browser.browse("not a type");
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("not a type"), std::string::npos);
}

TEST(AvahiConnection, FailsFastWithoutADaemon) {
  setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/bus", 1);
  const auto connection = mdns::AvahiConnection::open(mdns::AvahiConnection::Mode::fail_fast);
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().kind, ErrorKind::unavailable);
  EXPECT_NE(connection.error().message.find("avahi-daemon"), std::string::npos);
}

TEST(AvahiBrowser, BrowsesAgainAfterTheDaemonRestarts) {
  std::string why;
  auto testbed = Testbed::make_private(why);
  HARMONY_REQUIRE(testbed != nullptr, why);
  auto connection = connect_to(*testbed, 'B');
  ASSERT_TRUE(connection);
  mdns::AvahiBrowser browser(*connection);
  ASSERT_TRUE(browser.browse("_tidalconnect._tcp"));
  ASSERT_TRUE(take_until(browser, BrowseEventKind::all_for_now, 5s));

  ASSERT_TRUE(testbed->stop_avahi('B', "TERM"));
  ASSERT_TRUE(take_until(browser, BrowseEventKind::disconnected, 5s));
  EXPECT_NE(connection->state(), mdns::ServerState::running);

  ASSERT_TRUE(testbed->start_avahi('B'));
  const std::string name = "after-restart-" + k_hex;
  auto publisher = testbed->publish('A', name);
  ASSERT_TRUE(publisher);
  EXPECT_TRUE(take_until(browser, BrowseEventKind::added, 10s, name))
      << "the browse must resume by itself";
  EXPECT_EQ(connection->state(), mdns::ServerState::running);
}

}  // namespace
}  // namespace harmony::testing
