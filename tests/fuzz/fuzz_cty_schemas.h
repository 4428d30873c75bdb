// Schema types the cty fuzz targets decode against; the first input byte
// picks one. They cover every kind, nesting, and dynamic at the root and
// inside containers.
#pragma once

#include <vector>

#include "cty/type.h"

namespace cty_fuzz {

inline const std::vector<cty::Type>& Schemas() {
  using cty::Type;
  static const std::vector<Type> schemas = {
      Type::Dynamic(),
      Type::Object({{"id", Type::String()},
                    {"input", Type::String()},
                    {"output", Type::String()},
                    {"tags", Type::Map(Type::String())}}),
      Type::Object({{"access_key", Type::String()},
                    {"endpoint", Type::String()},
                    {"region", Type::String()},
                    {"retries", Type::Number()},
                    {"insecure", Type::Bool()}}),
      Type::List(Type::Dynamic()),
      Type::Map(Type::Dynamic()),
      Type::Set(Type::Number()),
      Type::Tuple({Type::String(), Type::Number(), Type::Bool(), Type::Dynamic()}),
      Type::Object({{"nested", Type::List(Type::Object({{"x", Type::Number()}, {"y", Type::Set(Type::String())}}))},
                    {"any", Type::Dynamic()}}),
      Type::Number(),
  };
  return schemas;
}

}  // namespace cty_fuzz
