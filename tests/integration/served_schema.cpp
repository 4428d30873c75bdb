#include "served_schema.h"

namespace harness {

const ServedAttribute* ServedBlock::Find(const std::string& name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const ServedNestedBlock* ServedBlock::FindBlock(const std::string& type_name) const {
  for (const auto& b : block_types) {
    if (b.type_name == type_name) return &b;
  }
  return nullptr;
}

std::optional<cty::Type> AttributeType(const ServedAttribute& attr) {
  if (!attr.nested) return attr.type;
  std::map<std::string, cty::Type> members;
  for (const auto& inner : attr.nested->attributes) {
    auto t = AttributeType(inner);
    if (!t) return std::nullopt;
    members.emplace(inner.name, *t);
  }
  cty::Type object = cty::Type::Object(std::move(members));
  switch (attr.nested->nesting) {
    case ServedNestedObject::Nesting::Single: return object;
    case ServedNestedObject::Nesting::List: return cty::Type::List(object);
    case ServedNestedObject::Nesting::Set: return cty::Type::Set(object);
    case ServedNestedObject::Nesting::Map: return cty::Type::Map(object);
    case ServedNestedObject::Nesting::Invalid: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<cty::Type> ImpliedType(const ServedBlock& block) {
  std::map<std::string, cty::Type> members;
  for (const auto& attr : block.attributes) {
    auto t = AttributeType(attr);
    if (!t) return std::nullopt;
    members.emplace(attr.name, *t);
  }
  for (const auto& nested : block.block_types) {
    if (nested.nesting != 1) return std::nullopt;  // only SINGLE is expected from this provider
    auto t = ImpliedType(nested.block);
    if (!t) return std::nullopt;
    members.emplace(nested.type_name, *t);
  }
  return cty::Type::Object(std::move(members));
}

}  // namespace harness
