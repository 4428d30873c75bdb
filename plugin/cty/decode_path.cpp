#include "cty/decode_path.h"

#include "json/quoting.h"

namespace cty::internal {

void DecodePath::PushAttribute(std::string_view name) { steps_.push_back("." + std::string(name)); }

void DecodePath::PushKey(std::string_view key) {
  std::string step = "[";
  json::AppendQuoted(step, key);
  step += ']';
  steps_.push_back(std::move(step));
}

void DecodePath::PushIndex(size_t index) { steps_.push_back("[" + std::to_string(index) + "]"); }

std::string DecodePath::ToString() const {
  std::string out;
  for (const auto& s : steps_) out += s;
  return out;
}

DecodeError DecodePath::Error(std::string_view message) const {
  if (steps_.empty()) return DecodeError{std::string(message)};
  return DecodeError{ToString() + ": " + std::string(message)};
}

}  // namespace cty::internal
