// The "## Schema" section of a registry page, laid out as terraform-plugin-docs
// (tfplugindocs) lays it out, so that pages read like every other provider's:
// Required / Optional / Read-Only groups sorted by name, then one anchored
// "Nested Schema for `a.b`" section per nested path, breadth first.
#pragma once

#include <string>

#include "provider/schema.h"

namespace docgen {

std::string SchemaMarkdown(const provider::Block& block);

}  // namespace docgen
