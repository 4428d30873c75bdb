#include "provider/environment.h"

#include <cstdlib>

namespace provider {

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    // getenv is safe here: nothing in the provider calls setenv.
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

}  // namespace provider
