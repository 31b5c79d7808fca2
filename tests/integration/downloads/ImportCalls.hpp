#pragma once
// Submitting an import to harmonyd and waiting for its result (ImportTest.cpp,
// ImportUploadTest.cpp).
#include <chrono>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "HubFixture.hpp"
#include "support/Eventually.hpp"

namespace harmony::testing {

// Polls the import until it is no longer processing; the last answer.
inline nlohmann::json wait_for_import(Hub& hub, std::int64_t id) {
  nlohmann::json last;
  eventually(
      [&] {
        last = hub.call("GET", fmt::format("/api/v1/imports/{}", id)).json;
        return last.is_object() && last.value("status", "") != "processing";
      },
      std::chrono::seconds(30));
  return last;
}

// Pastes `text` as an import (202 expected); its id, or 0.
inline std::int64_t submit(Hub& hub, const std::string& text) {
  const auto reply = hub.call("POST", "/api/v1/imports", nlohmann::json{{"text", text}}.dump());
  EXPECT_EQ(reply.status, 202) << reply.body;
  return reply.json.is_object() ? reply.json.value("id", std::int64_t{0}) : 0;
}

}  // namespace harmony::testing
