#include "transport/handshake.h"

#include <charconv>

namespace transport {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseVersion(std::string_view entry, int& out) {
  entry = Trim(entry);
  if (entry.empty()) return false;
  const char* end = entry.data() + entry.size();
  auto [ptr, ec] = std::from_chars(entry.data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

std::set<int> ParseOfferedVersions(std::string_view offered) {
  std::set<int> versions;
  while (true) {
    const size_t comma = offered.find(',');
    int version = 0;
    if (ParseVersion(offered.substr(0, comma), version)) versions.insert(version);
    if (comma == std::string_view::npos) break;
    offered.remove_prefix(comma + 1);
  }
  return versions;
}

int NegotiateProtocolVersion(std::string_view offered) {
  const std::set<int> versions = ParseOfferedVersions(offered);
  for (int v = kHighestProtocolVersion; v >= kLowestProtocolVersion; --v) {
    if (versions.contains(v)) return v;
  }
  return kHighestProtocolVersion;
}

std::string FormatHandshakeLine(int protocol_version, std::string_view tcp_address,
                                std::string_view cert_base64) {
  std::string line = "1|" + std::to_string(protocol_version) + "|tcp|";
  line += tcp_address;
  line += "|grpc";
  if (!cert_base64.empty()) {
    line += '|';
    line += cert_base64;
  }
  line += '\n';
  return line;
}

}  // namespace transport
