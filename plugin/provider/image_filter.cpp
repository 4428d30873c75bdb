#include "provider/image_filter.h"

#include <re2/re2.h>

#include <array>
#include <optional>
#include <vector>

#include "provider/schema_builder.h"
#include "provider/validation.h"

namespace provider {
namespace {

using Condition = std::optional<std::string> jdcloud::ImageSearch::*;

// One string attribute of the block that describeImages sends as a condition.
struct ConditionRow {
  std::string_view attribute;
  Condition condition;
  std::vector<std::string_view> allowed;  // empty: sent as given
  std::string_view description;
};

const std::array<ConditionRow, 8>& ConditionRows() {
  using S = jdcloud::ImageSearch;
  static const std::array<ConditionRow, 8> rows = {{
      {"image_source", &S::image_source, {"public", "thirdparty", "private", "shared", "community"},
       "Where the images come from (`imageSource`): `public` (official), `thirdparty` (marketplace), "
       "`private` (yours), `shared` (shared with you) or `community`. Required unless `ids` is set."},
      {"platform", &S::platform, {}, "Operating-system platform (`platform`), e.g. `CentOS`, `Ubuntu`, `Windows Server`."},
      {"architecture", &S::architecture, {}, "CPU architecture (`architecture`), e.g. `x86_64`, `arm64`."},
      {"root_device_type", &S::root_device_type, {"localDisk", "cloudDisk"},
       "Root device type (`rootDeviceType`): `localDisk` or `cloudDisk`."},
      {"status", &S::status, {}, "Image status (`status`), e.g. `ready`."},
      {"launch_permission", &S::launch_permission, {"all", "specifiedUsers", "ownerOnly"},
       "Who may launch the image (`launchPermission`): `all`, `specifiedUsers` or `ownerOnly`. "
       "Only with `image_source = \"private\"`."},
      {"boot_mode", &S::boot_mode, {"bios", "uefi"}, "Boot mode (`bootMode`): `bios` or `uefi`."},
      {"name_contains", &S::image_name, {},
       "Narrows the search on the server to images whose name matches this text (`imageName`)."},
  }};
  return rows;
}

constexpr std::string_view kNameRegex = "name_regex";
constexpr std::string_view kIds = "ids";

AttributePath PathOf(std::string_view attribute) {
  return {AttributeName{std::string(kFilterBlock)}, AttributeName{std::string(attribute)}};
}

// Set in the configuration and known now (a string, or the ids list).
bool IsSet(const cty::Value& v) { return v.is_known() && !v.is_null(); }

// Debian's abseil has its own string_view, so Joined takes no std::string_view.
template <class Strings>
std::string Joined(const Strings& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& part : parts) {
    if (!first) out.append(separator);
    out.append(part);
    first = false;
  }
  return out;
}

std::optional<Diagnostic> CheckAllowed(const ConditionRow& row, const cty::Value& value) {
  if (row.allowed.empty() || !IsSet(value)) return std::nullopt;
  for (std::string_view allowed : row.allowed)
    if (value.as_string() == allowed) return std::nullopt;
  return ErrorDiag("Invalid filter." + std::string(row.attribute),
                   std::string(row.attribute) + " " + QuotedForDiagnostic(value.as_string()) +
                       " is not one of \"" + Joined(row.allowed, "\", \"") + "\".",
                   PathOf(row.attribute));
}

std::optional<Diagnostic> CheckNameRegex(const cty::Value& value) {
  if (!IsSet(value)) return std::nullopt;
  re2::RE2 re(value.as_string(), re2::RE2::Quiet);
  if (re.ok()) return std::nullopt;
  return ErrorDiag("Invalid filter.name_regex",
                   "name_regex " + QuotedForDiagnostic(value.as_string()) + " is not a valid RE2 regular expression: " +
                       EscapedForDiagnostic(re.error(), 200) + ".",
                   PathOf(kNameRegex));
}

void CheckIds(const cty::Value& ids, Diagnostics& diags) {
  if (!ids.is_known() || ids.is_null()) return;
  for (std::size_t i = 0; i < ids.elements().size(); ++i) {
    AttributePath path = PathOf(kIds);
    path.push_back(ElementKeyInt{static_cast<std::int64_t>(i)});
    for (auto& d : ValidateImageIdValue(ids.elements()[i], path)) diags.push_back(std::move(d));
  }
}

// The API requires imageSource unless ids are given; launchPermission only
// means something for private images.
void CheckCombination(const cty::Value& filter, Diagnostics& diags) {
  const cty::Value& source = filter.GetAttr("image_source");
  const cty::Value& ids = filter.GetAttr(kIds);
  const bool ids_given = !ids.is_known() || (!ids.is_null() && !ids.elements().empty());
  if (source.is_known() && source.is_null() && !ids_given)
    diags.push_back(ErrorDiag("Missing filter.image_source",
                              "describeImages needs image_source (\"public\", \"thirdparty\", \"private\", "
                              "\"shared\" or \"community\") unless ids is set.",
                              PathOf("image_source")));
  const cty::Value& permission = filter.GetAttr("launch_permission");
  if (IsSet(permission) && source.is_known() && (source.is_null() || source.as_string() != "private"))
    diags.push_back(ErrorDiag("Invalid filter.launch_permission",
                              "launch_permission applies only to your own images: set image_source = "
                              "\"private\" with it, or remove it.",
                              PathOf("launch_permission")));
}

std::string Quoted(const cty::Value& v) { return QuotedForDiagnostic(v.as_string()); }

}  // namespace

NestedBlock BuildFilterBlock(FilterUse use) {
  NestedBlock block;
  block.type_name = std::string(kFilterBlock);
  // Terraform requires min_items == max_items for nesting single: 1 makes the block required.
  block.min_items = block.max_items = use == FilterUse::kImageList ? 1 : 0;
  block.block.description =
      "The search (`describeImages`). Conditions combine with AND; withdrawn (`offline`) images are never found.";
  auto& a = block.block.attributes;
  for (const ConditionRow& row : ConditionRows())
    a.push_back(OptionalAttribute(std::string(row.attribute), cty::Type::String(), std::string(row.description)));
  a.push_back(OptionalAttribute(std::string(kNameRegex), cty::Type::String(),
                                "Keeps the images whose `name` matches this RE2 regular expression (Go's `regexp` "
                                "syntax), anywhere in the name unless anchored with `^` or `$`. Applied by the "
                                "provider after the search."));
  if (use == FilterUse::kImageList)
    a.push_back(OptionalAttribute(std::string(kIds), cty::Type::List(cty::Type::String()),
                                  "Image IDs to list (`ids.N`), each like `img-m5s0f7ss4c`; sent in chunks of 100."));
  return block;
}

Diagnostics ValidateFilter(const cty::Value& filter, FilterUse use) {
  if (!filter.is_known() || filter.is_null()) return {};
  Diagnostics diags;
  for (const ConditionRow& row : ConditionRows())
    if (auto d = CheckAllowed(row, filter.GetAttr(row.attribute))) diags.push_back(std::move(*d));
  if (auto d = CheckNameRegex(filter.GetAttr(kNameRegex))) diags.push_back(std::move(*d));
  if (use == FilterUse::kImageList) CheckIds(filter.GetAttr(kIds), diags);
  CheckCombination(filter, diags);
  return diags;
}

jdcloud::ImageSearch SearchOf(const cty::Value& filter) {
  jdcloud::ImageSearch search;
  for (const ConditionRow& row : ConditionRows()) {
    const cty::Value& value = filter.GetAttr(row.attribute);
    if (IsSet(value)) search.*row.condition = value.as_string();
  }
  const cty::Value& ids = filter.GetAttr(kIds);
  if (IsSet(ids))
    for (const cty::Value& id : ids.elements()) search.ids.push_back(id.as_string());
  return search;
}

std::string DescribeSearch(const std::string& region, const cty::Value& filter) {
  std::vector<std::string> parts;
  for (const ConditionRow& row : ConditionRows()) {
    const cty::Value& value = filter.GetAttr(row.attribute);
    if (IsSet(value)) parts.push_back(std::string(row.attribute) + " = " + Quoted(value));
  }
  if (const cty::Value& regex = filter.GetAttr(kNameRegex); IsSet(regex))
    parts.push_back(std::string(kNameRegex) + " = " + Quoted(regex));
  if (const cty::Value& ids = filter.GetAttr(kIds); IsSet(ids) && !ids.elements().empty()) {
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < ids.elements().size() && i < 5; ++i) shown.push_back(Quoted(ids.elements()[i]));
    std::string more = ids.elements().size() > 5 ? ", … (" + std::to_string(ids.elements().size()) + " in all)" : "";
    parts.push_back("ids = [" + Joined(shown, ", ") + more + "]");
  }
  return "in region " + QuotedForDiagnostic(region) + " with filter " + Joined(parts, ", ");
}

std::shared_ptr<const NameRegex> NameRegex::Of(const cty::Value& filter) {
  const cty::Value& regex = filter.GetAttr(kNameRegex);
  if (!IsSet(regex)) return nullptr;
  return std::make_shared<const NameRegex>(regex.as_string());
}

NameRegex::NameRegex(const std::string& pattern) : re_(std::make_unique<re2::RE2>(pattern, re2::RE2::Quiet)) {}
NameRegex::~NameRegex() = default;

bool NameRegex::Matches(std::string_view name) const { return re_->ok() && re2::RE2::PartialMatch(name, *re_); }

}  // namespace provider
