// JD Cloud's vm `Image` model (reference jdcloud-api.md §3.2/§3.3) as field
// tables: every field the provider exposes, with the API member it is read
// from, its type and its description. An Image is a Record of ImageSpec().
#pragma once

#include "jdcloud/record.h"

namespace jdcloud {

const RecordSpec& ImageSpec();

using Image = Record;

}  // namespace jdcloud
