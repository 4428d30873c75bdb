// libFuzzer target: a describeImages 2xx body -> ImagesPage -> SearchPages ->
// jdcloud_image states. Whatever parses must hold only images with an id, no
// more than the page listed, each mapping to a value of the state type or to
// a clean "field result.image..." problem; the page, fed to SearchPages twice
// (as page 1 and page 2 of one run), must end the run or fail with a
// TooManyImages or MalformedBody error carrying a message. Whatever does not
// parse must be a MalformedBody error with a message (or the API's error
// envelope, of its own kind).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cty/codec.h"
#include "jdcloud/response_parser.h"
#include "jdcloud/search_pages.h"
#include "provider/image_mapping.h"
#include "provider/image_schema.h"

namespace {

using Kind = jdcloud::ApiError::Kind;

void CheckError(const jdcloud::ApiError& e) {
  if (e.message.empty()) std::abort();
  if (e.kind != Kind::MalformedBody && e.kind != Kind::TooManyImages) std::abort();
}

void CheckImages(const jdcloud::ImagesPage& page) {
  if (page.images.size() > page.listed || page.total_count < 0) std::abort();
  const cty::Type& type = provider::ImageStateType();
  for (const jdcloud::Image& image : page.images) {
    const std::string* id = image.GetString("id");
    if (id == nullptr) std::abort();
    auto state = provider::MapImage(image, *id, "cn-north-1");
    if (!state) {
      if (!state.error().starts_with("field result.image")) std::abort();
      continue;
    }
    if (!(state->type() == type)) std::abort();
    auto back = cty::DecodeMsgpack(cty::EncodeMsgpack(*state, type), type);
    if (!back || *back != *state) std::abort();
  }
}

// Page 1 then the same page again: a run that is not done after page 1 must
// refuse the repeat (or its count), never accept the same images twice.
void CheckPaging(const jdcloud::ImagesPage& page) {
  jdcloud::SearchPages pages;
  pages.BeginRun();
  if (auto error = pages.Add(page)) return CheckError(*error);
  if (pages.run_done()) {
    if (std::move(pages).Finish().images.size() != page.images.size()) std::abort();
    return;
  }
  auto error = pages.Add(page);
  if (page.images.empty()) {
    if (error) CheckError(*error);
    return;
  }
  if (!error) std::abort();
  CheckError(*error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = jdcloud::ParseDescribeImagesResponse(body, "hdr-request-id");
  if (!parsed) {
    const jdcloud::ApiError& e = parsed.error();
    if (e.message.empty()) std::abort();
    if (e.kind != Kind::MalformedBody && e.kind != jdcloud::ParseErrorResponse(e.http_status, body, "hdr-request-id").kind)
      std::abort();
    return 0;
  }
  CheckImages(*parsed);
  CheckPaging(*parsed);
  return 0;
}
