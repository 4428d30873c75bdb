// The URI encoding that JD Cloud's canonical request and the wire share
// (reference jdcloud-api.md §1.3): unreserved A-Z a-z 0-9 - _ . ~ stay as is,
// every other byte becomes %XX with upper-case hex.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jdcloud {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Encodes every byte except the unreserved set (so '/' too).
std::string UriEncode(std::string_view decoded);

// Encodes each path segment, keeping '/' (':' is encoded). Empty path -> "/".
std::string EncodePath(std::string_view decoded_path);

// name=value pairs, each side encoded, sorted by encoded name then encoded
// value, joined by '&'. Empty for no params. This exact string goes on the wire.
std::string CanonicalQueryString(const QueryParams& decoded_params);

}  // namespace jdcloud
