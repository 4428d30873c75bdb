// Internal: the path of the value being decoded, for error messages such as
// `.tags["env"]: string required, got bool`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cty/codec.h"

namespace cty::internal {

class DecodePath {
 public:
  void PushAttribute(std::string_view name);
  void PushKey(std::string_view key);
  void PushIndex(size_t index);
  void Pop() { steps_.pop_back(); }

  std::string ToString() const;
  // "<path>: <message>", or just the message at the root.
  DecodeError Error(std::string_view message) const;

 private:
  std::vector<std::string> steps_;
};

}  // namespace cty::internal
