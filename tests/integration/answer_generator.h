// Generated describeImage answers and, computed apart from the provider's
// own mapping, the state each must produce (issue 16: "our fixtures are not
// the world"). From one seed the generator draws an Image through SPEC's
// field list (image_mapping.h) in every legal JSON form: members absent or
// null, every number spelling (40, 40.0, 4e1, 0.4E+2, -0, integers past 64
// bits, 30-digit fractions), strings with CJK, emoji (raw or as surrogate
// pairs), escapes and control characters, empty and null-holding arrays,
// duplicated members (the last counts), unknown members of every type and
// depth, varied whitespace; and one body in ten holds one value of the wrong
// kind, which the read must refuse naming its path. It knows each value it
// wrote, so the expected state needs no JSON parser at all.
#pragma once

#include <cstdint>
#include <string>

#include "cty/value.h"

namespace harness {

struct GeneratedAnswer {
  std::string image_json;  // the Image object, as result.image
  // The mapped attributes (SPEC's, without image_id and region) the read
  // must return; null when `wrong_kind_path` is set.
  cty::Value expected;
  // Non-empty: the API path ("result.image.systemDisk.deviceName") of the one
  // value of the wrong kind; the read must fail naming it.
  std::string wrong_kind_path;
};

// Deterministic: the same seed and id give the same answer. `image_id` is
// the answer's imageId (omitted now and then: the id is then null).
GeneratedAnswer GenerateAnswer(std::uint64_t seed, const std::string& image_id);

}  // namespace harness
