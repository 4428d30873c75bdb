// libFuzzer target: a describeImage 2xx body -> jdcloud::Image -> jdcloud_image
// state. Whatever parses must map to a value that conforms to the state type
// (it survives msgpack encode -> decode against ImageStateType unchanged), or
// fail to map with a clean "field result.image...: ..." problem (a number
// beyond Terraform's range); whatever does not parse must be a MalformedBody
// error with a message. An answer for another image must be refused naming
// both ids, and the warnings about a parsed image must be warnings.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cty/codec.h"
#include "jdcloud/response_parser.h"
#include "provider/image_mapping.h"
#include "provider/image_schema.h"
#include "provider/image_warnings.h"

namespace {

constexpr std::string_view kRequested = "img-configured";

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = jdcloud::ParseDescribeImageResponse(body, "hdr-request-id");
  if (!parsed) {
    const jdcloud::ApiError& e = parsed.error();
    if (e.message.empty()) std::abort();
    // Anything but MalformedBody only for an error envelope on a 2xx: the API's error, of its own kind.
    if (e.kind != jdcloud::ApiError::Kind::MalformedBody &&
        e.kind != jdcloud::ParseErrorResponse(e.http_status, body, "hdr-request-id").kind)
      std::abort();
    return 0;
  }
  const jdcloud::Image& image = parsed->image;
  const std::string* answered_id = image.GetString("id");

  auto checked = jdcloud::RequireRequestedImage(*parsed, kRequested);
  if (!answered_id || *answered_id == kRequested) {
    if (!checked) std::abort();
  } else {
    if (checked || checked.error().kind != jdcloud::ApiError::Kind::MalformedBody) std::abort();
    if (!Contains(checked.error().message, kRequested)) std::abort();
    if (!Contains(checked.error().message, "\"" + *answered_id + "\"")) std::abort();
  }

  auto state = provider::MapImage(image, answered_id ? *answered_id : std::string(kRequested), "cn-north-1");
  if (!state) {
    if (!state.error().starts_with("field result.image")) std::abort();
    return 0;
  }
  const cty::Type& type = provider::ImageStateType();
  if (!(state->type() == type)) std::abort();
  std::string bytes = cty::EncodeMsgpack(*state, type);
  auto back = cty::DecodeMsgpack(bytes, type);
  if (!back || *back != *state) std::abort();

  const auto now = std::chrono::sys_days{std::chrono::year{2025} / 6 / 1};
  for (const auto& d : provider::ImageWarnings(image, std::string(kRequested), "cn-north-1", parsed->request_id, now))
    if (d.severity != provider::Diagnostic::Severity::Warning || d.summary.empty()) std::abort();
  return 0;
}
