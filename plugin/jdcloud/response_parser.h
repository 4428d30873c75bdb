// Turns describeImage and describeImages HTTP bodies into the Image model or a typed ApiError
// (reference jdcloud-api.md §3 and §4). Never throws and never trusts the
// body: wrong JSON types, truncation and non-JSON text become MalformedBody
// errors that name the offending field and the request id.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "jdcloud/client.h"
#include "jdcloud/error.h"

namespace jdcloud {

// A 2xx body: {"requestId": ..., "result": {"image": {...}}}, read through
// ImageSpec(): unknown members are ignored, JSON null means absent, numbers
// keep their exact text, a duplicated member counts as its last occurrence.
// `header_request_id` (x-jdcloud-request-id) is used when the body has none.
std::expected<DescribeImageResult, ApiError> ParseDescribeImageResponse(std::string_view body,
                                                                         std::string_view header_request_id);

// The result when its image is the one asked for (or carries no imageId);
// else a MalformedBody error naming both ids: the wrong image must never
// reach a plan.
std::expected<DescribeImageResult, ApiError> RequireRequestedImage(DescribeImageResult result,
                                                                    std::string_view requested_image_id);

// One describeImages page: {"requestId", "result": {"images": [...], "totalCount"}}.
// A null element counts as listed (for paging) but yields no image; an image
// without imageId is malformed, since nothing could pick or dedupe it.
struct ImagesPage {
  std::vector<Image> images;
  std::size_t listed = 0;      // elements of result.images, nulls included
  std::int64_t total_count = 0;
  std::string request_id;
};
std::expected<ImagesPage, ApiError> ParseDescribeImagesResponse(std::string_view body,
                                                                std::string_view header_request_id);

// A MalformedBody error for `operation` ("describeImage", "describeImages"),
// naming the request id (or "unknown").
ApiError MalformedAnswer(std::string_view operation, std::string_view request_id, const std::string& problem);

// A non-2xx answer: {"requestId": ..., "error": {"code", "status", "message"}}.
// The kind comes from the HTTP status (and error.status for 429); a body that
// is not the documented shape still yields an error describing the status.
ApiError ParseErrorResponse(int http_status, std::string_view body, std::string_view header_request_id);

}  // namespace jdcloud
