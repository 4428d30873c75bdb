#include "provider/schema.h"

namespace provider {

cty::Type Block::ImpliedType() const {
  std::map<std::string, cty::Type> types;
  for (const auto& attribute : attributes) types.emplace(attribute.name, attribute.type);
  for (const auto& nested : block_types) types.emplace(nested.type_name, nested.block.ImpliedType());
  return cty::Type::Object(std::move(types));
}

}  // namespace provider
