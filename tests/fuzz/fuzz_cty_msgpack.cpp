// libFuzzer target: DecodeMsgpack on arbitrary bytes. Whatever decodes must
// re-encode to bytes that decode to an equal value, and re-encoding that
// value must give the same bytes again (the encoding is canonical).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cty/codec.h"
#include "fuzz_cty_schemas.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto& schemas = cty_fuzz::Schemas();
  const cty::Type& type = schemas[data[0] % schemas.size()];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

  auto value = cty::DecodeMsgpack(input, type);
  if (!value) return 0;
  // Without dynamic inside, a decoded value has exactly the schema's type
  // (the decoder builds objects on that promise).
  if (!type.HasDynamic() && value->type() != type) std::abort();
  std::string bytes = cty::EncodeMsgpack(*value, type);
  auto again = cty::DecodeMsgpack(bytes, type);
  if (!again) std::abort();
  if (*again != *value) std::abort();
  if (cty::EncodeMsgpack(*again, type) != bytes) std::abort();
  return 0;
}
