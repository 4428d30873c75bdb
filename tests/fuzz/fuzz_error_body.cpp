// libFuzzer target: a non-2xx JD Cloud answer -> ApiError. The first two
// bytes pick the HTTP status (400..599), the rest is the body. The kind must
// follow the status whatever the body says; the status is echoed.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "jdcloud/response_parser.h"

using Kind = jdcloud::ApiError::Kind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  int status = 400 + (data[0] << 8 | data[1]) % 200;
  std::string_view body(reinterpret_cast<const char*>(data + 2), size - 2);
  jdcloud::ApiError error = jdcloud::ParseErrorResponse(status, body, "hdr-request-id");
  if (error.http_status != status) std::abort();
  if (status == 404 && error.kind != Kind::NotFound) std::abort();
  if (status == 401 && error.kind != Kind::Unauthenticated) std::abort();
  if (status == 403 && error.kind != Kind::Forbidden) std::abort();
  if (status == 429 && error.kind != Kind::Throttled && error.kind != Kind::QuotaExceeded) std::abort();
  if (error.request_id.empty()) std::abort();  // body's id, else the header's
  return 0;
}
