// The order of search results, so that the same answer always gives the same
// order: newest first by create_time parsed as RFC 3339; then images whose
// create_time is non-empty but does not parse, by that text ascending; then
// those with an empty or absent one; ties at every step by image id ascending.
#pragma once

#include <vector>

#include "jdcloud/image.h"

namespace provider {

// Sorts `images` (pointers into a search's answer) in that order.
void SortNewestFirst(std::vector<const jdcloud::Image*>& images);

}  // namespace provider
