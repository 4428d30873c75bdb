// A cty value as indented JSON, the way `terraform show -json` prints
// attribute values (object keys sorted, null as null, numbers as written).
#pragma once

#include <string>

#include "cty/value.h"

namespace harness {

// Unknown values (never in a correct state) print as the string "(known after apply)".
std::string ValueToPrettyJson(const cty::Value& value);

}  // namespace harness
