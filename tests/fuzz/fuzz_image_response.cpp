// libFuzzer target: a describeImage 2xx body -> jdcloud::Image -> jdcloud_image
// state. Whatever parses must map to a value that conforms to the state type
// (it survives msgpack encode -> decode against ImageStateType unchanged);
// whatever does not parse must be a MalformedBody error with a message.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cty/codec.h"
#include "jdcloud/response_parser.h"
#include "provider/image_mapping.h"
#include "provider/image_schema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = jdcloud::ParseDescribeImageResponse(body, "hdr-request-id");
  if (!parsed) {
    if (parsed.error().kind != jdcloud::ApiError::Kind::MalformedBody) std::abort();
    if (parsed.error().message.empty()) std::abort();
    return 0;
  }
  const jdcloud::Image& image = parsed->image;
  cty::Value state = provider::MapImage(image, image.image_id.value_or("img-configured"), "cn-north-1");
  const cty::Type& type = provider::ImageStateType();
  std::string bytes = cty::EncodeMsgpack(state, type);
  auto back = cty::DecodeMsgpack(bytes, type);
  if (!back || *back != state) std::abort();
  return 0;
}
