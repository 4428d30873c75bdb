#include "protocol/dynamic_value.h"

namespace protocol {

provider::Diagnostic InvalidValueDiagnostic(const cty::DecodeError& error) {
  return provider::ErrorDiag("Invalid configuration value",
                             "The value sent by Terraform could not be decoded: " + error.message);
}

}  // namespace protocol
