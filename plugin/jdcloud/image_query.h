// What describeImages sends for an ImageSearch: its query parameters (signed
// and sent through CanonicalQueryString, so the wire and the signature agree)
// and how a long id list is split across calls.
#pragma once

#include <vector>

#include "jdcloud/image_search.h"
#include "jdcloud/uri_encoding.h"

namespace jdcloud {

// The decoded parameters of page `page_number` (from 1): each set condition
// under its API name, ids as ids.1 … ids.N, then pageNumber and pageSize.
// Never sends offline: withdrawn images are not searched for.
QueryParams SearchQuery(const ImageSearch& search, int page_number);

// The searches to run for `search`: itself when it has no ids, else one per
// chunk of at most kMaxIdsPerCall ids, duplicates removed (first kept), each
// with the same other conditions.
std::vector<ImageSearch> SplitIdChunks(const ImageSearch& search);

}  // namespace jdcloud
