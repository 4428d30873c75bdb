// Building configuration values the way Terraform sends them.
#pragma once

#include <map>
#include <string>

#include "cty/type.h"
#include "cty/value.h"

namespace harness {

// An object of `object_type` with the `set` attributes and null for every
// other one (attributes the user left out arrive as null). Attributes of
// `set` that the type lacks are dropped, so a test can never send a shape
// Terraform would not.
cty::Value ConfigObject(const cty::Type& object_type, const std::map<std::string, cty::Value>& set);

}  // namespace harness
