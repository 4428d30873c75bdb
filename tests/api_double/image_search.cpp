#include "image_search.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <set>

#include "fixture_store.h"

namespace api_double {
namespace {

constexpr int kMinPageSize = 10;
constexpr int kMaxPageSize = 100;

struct Enumerated {
  std::string_view parameter;
  std::vector<std::string_view> values;  // empty: any text
};

// The exact-match filters, each named like the Image member it compares.
const std::array<Enumerated, 7>& ExactFilters() {
  static const std::array<Enumerated, 7> filters{{
      {"imageSource", {"public", "thirdparty", "private", "shared", "community"}},
      {"platform", {}},
      {"architecture", {}},
      {"rootDeviceType", {"localDisk", "cloudDisk"}},
      {"status", {}},
      {"launchPermission", {"all", "specifiedUsers", "ownerOnly"}},
      {"bootMode", {"bios", "uefi"}},
  }};
  return filters;
}

std::string Join(const std::vector<std::string_view>& values) {
  std::string out;
  for (const auto v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

// A whole decimal integer in [lo, hi], written without sign or leading zeros.
std::optional<int> ParseInt(std::string_view text, int lo, int hi) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < lo || value > hi ||
      std::to_string(value) != text)
    return std::nullopt;
  return value;
}

bool ContainsIgnoreCase(std::string_view text, std::string_view part) {
  const auto lower_equal = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  return std::search(text.begin(), text.end(), part.begin(), part.end(), lower_equal) != text.end();
}

std::string Invalid(std::string_view parameter, std::string_view why) {
  return "invalid parameter " + std::string(parameter) + ": " + std::string(why);
}

// One parameter into `q`; an error message when it is refused.
std::optional<std::string> Apply(ImageQuery& q, const std::string& name, const std::string& value) {
  for (const auto& filter : ExactFilters()) {
    if (name != filter.parameter) continue;
    if (!filter.values.empty() && std::find(filter.values.begin(), filter.values.end(), value) == filter.values.end())
      return Invalid(name, "must be one of " + Join(filter.values));
    q.equals[name] = value;
    return std::nullopt;
  }
  if (name == "imageName") {
    q.name_contains = value;
  } else if (name == "offline") {
    if (value != "true" && value != "false") return Invalid(name, "must be true or false");
    q.offline = value == "true";
  } else if (name == "pageNumber") {
    const auto n = ParseInt(value, 1, 1'000'000'000);
    if (!n) return Invalid(name, "must be an integer >= 1");
    q.page_number = *n;
  } else if (name == "pageSize") {
    const auto n = ParseInt(value, kMinPageSize, kMaxPageSize);
    if (!n) return Invalid(name, "must be an integer in [10, 100]");
    q.page_size = *n;
  } else if (name.starts_with("ids.")) {
    if (!ParseInt(std::string_view(name).substr(4), 1, 1'000'000)) return "unknown parameter " + name;
    if (!IsValidImageId(value)) return Invalid(name, "\"" + value + "\" is not an image id");
    q.ids.push_back(value);
  } else if (name.starts_with("instanceIds.")) {
    return "parameter instanceIds is not supported by the API double";
  } else if (name != "serviceCode") {  // deprecated, accepted and ignored as the API does
    return "unknown parameter " + name;
  }
  return std::nullopt;
}

}  // namespace

std::expected<ImageQuery, std::string> ParseImageQuery(
    const std::vector<std::pair<std::string, std::string>>& params) {
  ImageQuery q;
  std::set<std::string> seen;
  for (const auto& [name, value] : params) {
    if (!seen.insert(name).second) return std::unexpected("duplicate parameter " + name);
    // An empty value is an absent parameter, as the SDKs omit unset ones.
    if (value.empty()) continue;
    if (auto refused = Apply(q, name, value)) return std::unexpected(*refused);
  }
  if (q.ids.empty() && !q.equals.contains("imageSource"))
    return std::unexpected("invalid parameter imageSource: required unless ids are given");
  if (q.ids.size() > kMaxIdsPerCall)
    return std::unexpected(Invalid("ids", "at most " + std::to_string(kMaxIdsPerCall) + " per call"));
  if (const auto source = q.equals.find("imageSource"); source == q.equals.end() || source->second != "private")
    q.equals.erase("launchPermission");
  return q;
}

bool Matches(const ImageQuery& query, const Fixture& image) {
  if (!query.ids.empty() && std::find(query.ids.begin(), query.ids.end(), image.image_id) == query.ids.end())
    return false;
  for (const auto& [member, value] : query.equals) {
    const std::string* actual = image.String(member);
    if (!actual || *actual != value) return false;
  }
  if (!query.name_contains.empty()) {
    const std::string* name = image.String("name");
    if (!name || !ContainsIgnoreCase(*name, query.name_contains)) return false;
  }
  // "offline" means something only for official and marketplace images, and
  // nothing with ids (reference §5).
  const auto source = query.equals.find("imageSource");
  const bool withdrawable = source != query.equals.end() && (source->second == "public" || source->second == "thirdparty");
  return !query.ids.empty() || !withdrawable || image.offline == query.offline;
}

std::vector<Fixture> Search(const ImageQuery& query, const std::vector<Fixture>& all, std::string_view region) {
  std::vector<Fixture> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Fixture& f) { return f.ServedIn(region) && Matches(query, f); });
  return out;
}

std::span<const Fixture> Page(const std::vector<Fixture>& matches, int page_number, int page_size) {
  const auto size = static_cast<std::size_t>(page_size);
  const std::size_t first = static_cast<std::size_t>(page_number - 1) * size;
  if (first >= matches.size()) return {};
  return std::span<const Fixture>(matches).subspan(first, std::min(size, matches.size() - first));
}

}  // namespace api_double
