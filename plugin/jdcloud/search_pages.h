// Collects the pages of a describeImages search and decides when a run of
// pages is complete. Every answer is checked against the ones before it, so a
// server whose pages lie (a totalCount that changes or disagrees with what
// the pages hold, a page repeating images) ends the search with an error
// instead of a wrong list or an endless loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>

#include "jdcloud/error.h"
#include "jdcloud/image_search.h"
#include "jdcloud/response_parser.h"

namespace jdcloud {

class SearchPages {
 public:
  // Starts the pages of one call sequence (the search, or one id chunk).
  void BeginRun();

  // The pageNumber to ask for next in the current run.
  int next_page() const { return pages_in_run_ + 1; }

  // Whether the current run has all its pages: totalCount images listed, or
  // a page came back short.
  bool run_done() const { return run_done_; }

  // Adds the answer to next_page(). An error ends the search: TooManyImages
  // when the first page's totalCount exceeds kMaxSearchImages, MalformedBody
  // (with the page's request id) when the pages contradict each other.
  std::optional<ApiError> Add(ImagesPage page);

  // Every image, in the order the pages listed them.
  DescribeImagesResult Finish() &&;

 private:
  std::optional<ApiError> CheckTotal(const ImagesPage& page) const;
  std::optional<ApiError> TakeImages(ImagesPage& page);

  DescribeImagesResult result_;
  std::unordered_set<std::string> seen_ids_;
  int pages_in_run_ = 0;
  std::int64_t run_total_ = 0;
  std::size_t run_listed_ = 0;
  bool run_done_ = false;
};

}  // namespace jdcloud
