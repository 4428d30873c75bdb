#include "protocol/serve.h"

namespace protocol {

provider::Diagnostic InternalErrorDiagnostic(std::string_view what) {
  return provider::ErrorDiag("Internal provider error",
                             "The provider failed unexpectedly while serving this request (" +
                                 std::string(what) + "). This is a bug in the provider.");
}

}  // namespace protocol
