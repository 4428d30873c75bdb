#include "provider/secret_redaction.h"

namespace provider {

std::string RedactSecret(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  size_t pos = 0;
  while ((pos = text.find(secret, pos)) != std::string::npos) {
    text.replace(pos, secret.size(), kRedactedMarker);
    pos += kRedactedMarker.size();
  }
  return text;
}

void RedactSecret(Diagnostics& diagnostics, std::string_view secret) {
  if (secret.empty()) return;
  for (auto& d : diagnostics) {
    d.summary = RedactSecret(std::move(d.summary), secret);
    d.detail = RedactSecret(std::move(d.detail), secret);
  }
}

}  // namespace provider
