// Diagnostics as Terraform shows them: severity, a one-line summary, a
// detail paragraph and optionally the attribute they are about. The protocol
// adapters translate these to tfplugin5/6 Diagnostic messages.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace provider {

// One step of an attribute path: an attribute name, a map key or a list index.
struct AttributeName { std::string name; };
struct ElementKeyString { std::string key; };
struct ElementKeyInt { int64_t index; };
using PathStep = std::variant<AttributeName, ElementKeyString, ElementKeyInt>;
using AttributePath = std::vector<PathStep>;

struct Diagnostic {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  std::string summary;
  std::string detail;
  AttributePath attribute;  // empty: about the whole block
};

using Diagnostics = std::vector<Diagnostic>;

inline Diagnostic ErrorDiag(std::string summary, std::string detail, AttributePath path = {}) {
  return {Diagnostic::Severity::Error, std::move(summary), std::move(detail), std::move(path)};
}
inline Diagnostic WarningDiag(std::string summary, std::string detail, AttributePath path = {}) {
  return {Diagnostic::Severity::Warning, std::move(summary), std::move(detail), std::move(path)};
}
inline bool HasError(const Diagnostics& diags) {
  for (const auto& d : diags) {
    if (d.severity == Diagnostic::Severity::Error) return true;
  }
  return false;
}

}  // namespace provider
