#include "provider/user_agent.h"

namespace provider {
namespace {

// Header values must not carry control characters; the version comes from
// the client and is not trusted.
std::string HeaderSafe(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7f) out += c;
  }
  return out;
}

}  // namespace

std::string UserAgent(const std::string& terraform_version) {
  std::string agent = "terraform-provider-jdcloud/" PROVIDER_VERSION " (+https://registry.terraform.io)";
  std::string version = HeaderSafe(terraform_version);
  if (!version.empty()) agent += " terraform/" + version;
  return agent;
}

}  // namespace provider
