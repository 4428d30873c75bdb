// describeImages' search conditions and answer (reference jdcloud-api.md §5),
// in the API's own words. The provider's `filter` block maps onto ImageSearch;
// the client turns it into signed, paged GETs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jdcloud/image.h"

namespace jdcloud {

// Each condition is sent only when set, exactly as given; conditions combine
// with AND on the server. `ids` go as ids.1, ids.2, … in chunks of at most
// kMaxIdsPerCall. The API requires image_source unless ids are given.
struct ImageSearch {
  std::optional<std::string> image_source;      // imageSource
  std::optional<std::string> platform;          // platform
  std::optional<std::string> architecture;      // architecture
  std::optional<std::string> root_device_type;  // rootDeviceType
  std::optional<std::string> status;            // status
  std::optional<std::string> launch_permission; // launchPermission
  std::optional<std::string> boot_mode;         // bootMode
  std::optional<std::string> image_name;        // imageName (the server's name match)
  std::vector<std::string> ids;                 // ids.N

  // Ordered so that identical searches can share one cache entry.
  friend auto operator<=>(const ImageSearch&, const ImageSearch&) = default;
};

inline constexpr int kSearchPageSize = 100;     // pageSize sent on every page
inline constexpr int kMaxIdsPerCall = 100;      // ids.N per search call
inline constexpr int kMaxSearchImages = 10000;  // a larger totalCount is an error

struct DescribeImagesResult {
  // Every image of every page (and id chunk), in the order the API sent them.
  std::vector<Image> images;
  int calls = 0;           // pages fetched (successful HTTP calls)
  std::string request_id;  // of the last page
};

}  // namespace jdcloud
