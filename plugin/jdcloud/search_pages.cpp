#include "jdcloud/search_pages.h"

namespace jdcloud {
namespace {

constexpr std::string_view kOperation = "describeImages";

ApiError TooMany(std::int64_t total, const std::string& request_id) {
  ApiError e{};
  e.kind = ApiError::Kind::TooManyImages;
  e.http_status = 200;
  e.request_id = request_id;
  e.message = std::to_string(total) + " images match on the server, more than the " +
              std::to_string(kMaxSearchImages) + " a search pages through; narrow the filter";
  return e;
}

}  // namespace

void SearchPages::BeginRun() {
  pages_in_run_ = 0;
  run_total_ = 0;
  run_listed_ = 0;
  run_done_ = false;
}

std::optional<ApiError> SearchPages::CheckTotal(const ImagesPage& page) const {
  if (pages_in_run_ == 0) {
    if (page.total_count > kMaxSearchImages) return TooMany(page.total_count, page.request_id);
    return std::nullopt;
  }
  if (page.total_count == run_total_) return std::nullopt;
  return MalformedAnswer(kOperation, page.request_id,
                         "totalCount changed from " + std::to_string(run_total_) + " on page 1 to " +
                             std::to_string(page.total_count) + " on page " + std::to_string(next_page()));
}

std::optional<ApiError> SearchPages::TakeImages(ImagesPage& page) {
  for (Image& image : page.images) {
    const std::string& id = *image.GetString("id");  // the parser refuses images without one
    if (!seen_ids_.insert(id).second)
      return MalformedAnswer(kOperation, page.request_id,
                             "image \"" + id + "\" is listed again on page " + std::to_string(next_page()) +
                                 "; the pages repeat images");
    result_.images.push_back(std::move(image));
  }
  return std::nullopt;
}

std::optional<ApiError> SearchPages::Add(ImagesPage page) {
  if (auto error = CheckTotal(page)) return error;
  if (auto error = TakeImages(page)) return error;
  run_total_ = page.total_count;
  run_listed_ += page.listed;
  ++pages_in_run_;
  ++result_.calls;
  result_.request_id = page.request_id;
  run_done_ = run_listed_ >= static_cast<std::size_t>(run_total_) || page.listed < static_cast<std::size_t>(kSearchPageSize);
  if (run_done_ && run_listed_ != static_cast<std::size_t>(run_total_))
    return MalformedAnswer(kOperation, page.request_id,
                           "totalCount is " + std::to_string(run_total_) + " but the pages list " +
                               std::to_string(run_listed_) + " images");
  return std::nullopt;
}

DescribeImagesResult SearchPages::Finish() && { return std::move(result_); }

}  // namespace jdcloud
