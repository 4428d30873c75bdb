// describeImages (reference jdcloud-api.md §5) over the double's fixtures,
// without HTTP: the query parameters it takes, how they are validated (a
// bad one answers 400) and which images they select.
#pragma once

#include <cstddef>
#include <expected>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fixture_store.h"

namespace api_double {

inline constexpr int kMaxIdsPerCall = 100;

struct ImageQuery {
  // Image member -> the value it must equal: imageSource, platform,
  // architecture, rootDeviceType, status, bootMode, and launchPermission
  // (kept only with imageSource=private, the one source it applies to).
  std::map<std::string, std::string> equals;
  std::string name_contains;     // imageName: ASCII case-insensitive substring of name; empty = any
  std::vector<std::string> ids;  // ids.N; empty = any
  // With imageSource public or thirdparty and no ids: the image's withdrawn
  // flag must equal this (the API's default, false, hides withdrawn images).
  bool offline = false;
  int page_number = 1;
  int page_size = 20;
};

// From the decoded query parameters, in any order. The error is the text of
// the 400 answer. Unknown parameters are refused, so a typo in a client never
// silently means "no filter".
std::expected<ImageQuery, std::string> ParseImageQuery(
    const std::vector<std::pair<std::string, std::string>>& params);

bool Matches(const ImageQuery& query, const Fixture& image);

// The images of `all` (kept in its order) that `query` selects in `region`.
std::vector<Fixture> Search(const ImageQuery& query, const std::vector<Fixture>& all, std::string_view region);

// Page `page_number` (from 1) of `matches`, `page_size` per page; empty past the end.
std::span<const Fixture> Page(const std::vector<Fixture>& matches, int page_number, int page_size);

}  // namespace api_double
