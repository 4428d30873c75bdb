// The TCP port range hint go-plugin passes in PLUGIN_MIN_PORT / PLUGIN_MAX_PORT
// (Terraform sets 10000 / 25000). Semantics follow go-plugin's TCP listener:
// an unset bound is 0, min > max is an error, and port 0 means "any free port".
#pragma once

#include <cstdint>
#include <expected>
#include <string>

namespace transport {

struct PortRange {
  uint16_t min = 0;
  uint16_t max = 0;

  // True when the kernel may pick any free port (no hint, or a range that includes 0).
  bool AnyPort() const { return min == 0; }
  bool operator==(const PortRange&) const = default;
};

// `min_value` / `max_value` are the raw environment values (null = unset).
// Errors name the variable and the offending value.
std::expected<PortRange, std::string> ParsePortRange(const char* min_value, const char* max_value);

// Reads PLUGIN_MIN_PORT and PLUGIN_MAX_PORT from the environment.
std::expected<PortRange, std::string> PortRangeFromEnvironment();

}  // namespace transport
