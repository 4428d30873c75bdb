// Where environment-variable fallbacks come from. Injected so tests can vary
// the environment without touching the process's own (which other threads
// may read at the same time).
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace provider {

// Returns the variable's value, or nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads the process environment.
EnvLookup ProcessEnvironment();

}  // namespace provider
