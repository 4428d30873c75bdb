// Reads one JSON object into a Record, field by field through its table.
// Shared by every endpoint whose answer carries Image objects.
#pragma once

#include <string>

#include "jdcloud/record.h"
#include "json/tree.h"

namespace jdcloud {

// Fills `out` from the members of `object` (a JSON object) that its table
// names; unknown members are ignored, absent and null ones stay absent, a
// duplicated member counts as its last occurrence. Returns "" or the first
// problem, "field <path>.<member>: expected <type>, got <kind>", where `path`
// is where `object` sits in the answer (e.g. "result.image").
std::string ReadRecord(const json::Node& object, const std::string& path, Record& out);

}  // namespace jdcloud
