#include "transport/reattach.h"


namespace transport {
namespace {

// Addresses and host:port never hold characters that need JSON escaping, but
// a caller-supplied address might: escape the two that would break the string.
std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string FormatReattachJson(std::string_view provider_address, int protocol_version, long pid,
                               std::string_view tcp_address) {
  return "{" + JsonString(provider_address) + R"(:{"Protocol":"grpc","ProtocolVersion":)" +
         std::to_string(protocol_version) + R"(,"Pid":)" + std::to_string(pid) +
         R"(,"Test":true,"Addr":{"Network":"tcp","String":)" + JsonString(tcp_address) + "}}}";
}

std::string FormatReattachInstructions(std::string_view provider_address, int protocol_version, long pid,
                                       std::string_view tcp_address) {
  return "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable "
         "with the following:\n\n\tTF_REATTACH_PROVIDERS='" +
         FormatReattachJson(provider_address, protocol_version, pid, tcp_address) + "'\n\n";
}

}  // namespace transport
