#pragma once

#include <optional>
#include <string_view>

#include "containers/ContainerRuntime.hpp"

namespace harmony::docker {

// Parses one line of Docker's /events stream (a JSON object) into a container event. Lines that
// are not JSON objects, are not container events, or lack Action/Actor.ID give nothing; the
// input is untrusted and never throws.
std::optional<containers::ContainerEvent> parse_event_line(std::string_view line);

}  // namespace harmony::docker
