#include "terraform_wording.h"

#include <sstream>

namespace harness {

std::string RenderDiagnostic(const Diag& diag, const std::string& address) {
  std::ostringstream out;
  const char* kind = diag.severity == Diag::Severity::Warning ? "Warning" : "Error";
  out << "╷\n│ " << kind << ": " << diag.summary << "\n│ \n│   with " << address;
  if (!diag.path.empty()) out << ",\n│   on attribute " << diag.path;
  out << ",\n│ \n";
  std::istringstream detail(diag.detail);
  for (std::string line; std::getline(detail, line);) out << "│ " << line << "\n";
  out << "╵\n";
  return out.str();
}

}  // namespace harness
