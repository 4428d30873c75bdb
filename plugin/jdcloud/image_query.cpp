#include "jdcloud/image_query.h"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace jdcloud {

QueryParams SearchQuery(const ImageSearch& search, int page_number) {
  QueryParams query;
  const auto add = [&query](const char* name, const std::optional<std::string>& value) {
    if (value) query.emplace_back(name, *value);
  };
  add("imageSource", search.image_source);
  add("platform", search.platform);
  add("architecture", search.architecture);
  add("rootDeviceType", search.root_device_type);
  add("status", search.status);
  add("launchPermission", search.launch_permission);
  add("bootMode", search.boot_mode);
  add("imageName", search.image_name);
  for (std::size_t i = 0; i < search.ids.size(); ++i) query.emplace_back("ids." + std::to_string(i + 1), search.ids[i]);
  query.emplace_back("pageNumber", std::to_string(page_number));
  query.emplace_back("pageSize", std::to_string(kSearchPageSize));
  return query;
}

std::vector<ImageSearch> SplitIdChunks(const ImageSearch& search) {
  if (search.ids.empty()) return {search};
  std::vector<std::string> unique;
  std::unordered_set<std::string> seen;
  for (const std::string& id : search.ids)
    if (seen.insert(id).second) unique.push_back(id);

  std::vector<ImageSearch> chunks;
  for (std::size_t start = 0; start < unique.size(); start += kMaxIdsPerCall) {
    ImageSearch chunk = search;
    const auto first = unique.begin() + static_cast<std::ptrdiff_t>(start);
    chunk.ids.assign(first, first + static_cast<std::ptrdiff_t>(std::min<std::size_t>(kMaxIdsPerCall, unique.size() - start)));
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

}  // namespace jdcloud
