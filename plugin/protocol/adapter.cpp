#include "protocol/adapter.h"

namespace protocol {

provider::Diagnostic UnknownDataSourceDiagnostic(const std::string& type_name) {
  return provider::ErrorDiag("Unknown data source",
                             "This provider has no data source named \"" + type_name + "\".");
}

provider::Diagnostic MissingStateDiagnostic(const std::string& type_name) {
  return provider::ErrorDiag("Data source returned no state",
                             "Reading \"" + type_name +
                                 "\" produced neither a value nor an error. This is a bug in the provider.");
}

}  // namespace protocol
