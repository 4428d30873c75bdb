// The `filter` block that jdcloud_image (search mode) and jdcloud_images
// share: one table row per attribute drives its schema, its validation, the
// describeImages search it sends and how diagnostics name it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "cty/value.h"
#include "jdcloud/image_search.h"
#include "provider/diagnostics.h"
#include "provider/schema.h"

namespace re2 {
class RE2;
}

namespace provider {

inline constexpr std::string_view kFilterBlock = "filter";

// Which data source the block belongs to: only jdcloud_images takes `ids`,
// and there the block is required.
enum class FilterUse { kImageSearch, kImageList };

NestedBlock BuildFilterBlock(FilterUse use);

// Errors on filter.<attribute> paths for known values: enums, `ids` format,
// an RE2-invalid name_regex, launch_permission without image_source =
// "private", and neither image_source nor ids. Unknown values are never
// errors; a null `filter` has nothing to check.
Diagnostics ValidateFilter(const cty::Value& filter, FilterUse use);

// The describeImages conditions of a wholly known, valid filter.
jdcloud::ImageSearch SearchOf(const cty::Value& filter);

// "in region "cn-north-1" with filter image_source = "public", platform = "CentOS""
// -- every attribute set, with its value, for diagnostics about a search.
std::string DescribeSearch(const std::string& region, const cty::Value& filter);

// name_regex: RE2 syntax, matching anywhere in the name unless anchored (as
// Go's regexp.MatchString, which aws_ami's name_regex uses).
class NameRegex {
 public:
  // nullptr when `filter` has no name_regex (every name matches).
  static std::shared_ptr<const NameRegex> Of(const cty::Value& filter);
  explicit NameRegex(const std::string& pattern);
  ~NameRegex();
  bool Matches(std::string_view name) const;

 private:
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace provider
