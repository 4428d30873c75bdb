#include "transport/port_range.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace transport {
namespace {

std::expected<uint16_t, std::string> ParsePort(const char* name, const char* value) {
  if (value == nullptr || *value == '\0') return 0;
  const std::string_view text(value);
  unsigned long port = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || ptr != text.data() + text.size() || port > 65535) {
    return std::unexpected(std::string(name) + " must be a port number from 0 to 65535, got \"" +
                           std::string(text) + "\"");
  }
  return static_cast<uint16_t>(port);
}

}  // namespace

std::expected<PortRange, std::string> ParsePortRange(const char* min_value, const char* max_value) {
  auto min = ParsePort("PLUGIN_MIN_PORT", min_value);
  if (!min) return std::unexpected(min.error());
  auto max = ParsePort("PLUGIN_MAX_PORT", max_value);
  if (!max) return std::unexpected(max.error());
  if (*min > *max) {
    return std::unexpected("PLUGIN_MIN_PORT value of " + std::to_string(*min) +
                           " is greater than PLUGIN_MAX_PORT value of " + std::to_string(*max));
  }
  return PortRange{*min, *max};
}

std::expected<PortRange, std::string> PortRangeFromEnvironment() {
  return ParsePortRange(std::getenv("PLUGIN_MIN_PORT"), std::getenv("PLUGIN_MAX_PORT"));
}

}  // namespace transport
