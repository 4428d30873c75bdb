// libFuzzer target: DecodeJson (and TypeFromJson) on arbitrary bytes.
// Whatever decodes must survive msgpack encode -> decode unchanged; a type
// that parses must print as JSON that parses back to the same type.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cty/codec.h"
#include "fuzz_cty_schemas.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto& schemas = cty_fuzz::Schemas();
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

  if (auto type = cty::TypeFromJson(input)) {
    auto back = cty::TypeFromJson(cty::TypeToJson(*type));
    if (!back || *back != *type) std::abort();
  }

  const cty::Type& type = schemas[data[0] % schemas.size()];
  auto value = cty::DecodeJson(input, type);
  if (!value) return 0;
  // Without dynamic inside, a decoded value has exactly the schema's type
  // (the decoder builds objects on that promise).
  if (!type.HasDynamic() && value->type() != type) std::abort();
  std::string bytes = cty::EncodeMsgpack(*value, type);
  auto again = cty::DecodeMsgpack(bytes, type);
  if (!again) std::abort();
  if (*again != *value) std::abort();
  return 0;
}
