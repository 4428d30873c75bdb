// The bodies the API double answers with, shaped like JD Cloud's
// (reference jdcloud-api.md §3.1 and §4): success envelopes, error bodies
// {"requestId", "error": {"code", "status", "message"}} and the deliberately
// broken bodies of the "malformed" fault.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fault.h"

namespace api_double {

// A fresh 32-character [0-9a-z] request id, like the gateway's.
std::string NewRequestId();

// JD's error.status for an HTTP status (401 ACCESS_ERROR, 403 PERMISSION_DENIED,
// 404 NOT_FOUND, 429 RATE_LIMIT, 503 UNAVAILABLE, ...).
std::string DefaultErrorStatus(int http_status);
std::string DefaultErrorMessage(int http_status, std::string_view error_status);

std::string ErrorBody(std::string_view request_id, int code, std::string_view status, std::string_view message);

// {"requestId": ..., "result": <result_json>}
std::string ResultBody(std::string_view request_id, std::string_view result_json);
// {"requestId": ..., "result": {"image": <image_json>}} (describeImage)
std::string SuccessBody(std::string_view request_id, std::string_view image_json);
// describeImages' result: {"images": [<image_json>, ...], "totalCount": N}
std::string ListResult(const std::vector<std::string_view>& image_jsons, std::uint64_t total_count);

// The 200 body of a malformed fault for describeImage, derived from the image
// the request asked for (`image_json` is "{}" when there is no such fixture).
std::string MalformedBodyFor(const Fault& fault, std::string_view request_id, std::string_view image_json);
// The same for describeImages, from the result of its normal answer; the
// wrong_types field is a pointer into that result (default /totalCount).
std::string MalformedListBodyFor(const Fault& fault, std::string_view request_id, std::string_view result_json);

// The fixed text around the padding of an oversize body; the padding goes in
// the image's "desc" so the body stays valid JSON if read to the end.
struct OversizeBody {
  std::string prefix, suffix;
};
OversizeBody OversizeBodyParts(std::string_view request_id, std::string_view image_id);
// describeImages' version: one image, "img-oversize00001", padded the same way.
OversizeBody OversizeListBodyParts(std::string_view request_id);

}  // namespace api_double
