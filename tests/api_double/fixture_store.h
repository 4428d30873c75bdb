// The images the API double serves: one JSON file per image,
// <fixtures>/images/<imageId>.json, holding the API's `Image` object exactly
// as it appears under result.image. A fixture may carry one extra member,
// "__double": {"regions": ["cn-north-1", ...]}, which restricts the regions it
// is served in (default: every region) and is never sent to clients.
// Tests may add images at run time (PUT /__double/images/{id}). Thread-safe.
#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace api_double {

struct Fixture {
  std::string image_id;
  // The Image object exactly as written (number spellings, duplicate members,
  // escapes and whitespace reach clients unchanged), or re-written without
  // "__double" when it has that member.
  std::string image_json;
  std::vector<std::string> regions;  // empty = served in every region
  // What describeImages filters on: the Image's top-level string members
  // (a duplicated member counts as its last occurrence, as clients read it)
  // and whether it is withdrawn ("offline": true).
  std::map<std::string, std::string, std::less<>> strings;
  bool offline = false;

  bool ServedIn(std::string_view region) const;
  // The string member `name`, nullptr when absent or not a string.
  const std::string* String(std::string_view name) const;
};

enum class ImageIdCheck {
  kMustMatch,  // a fixture file: its imageId, when present, is its name
  kAny,        // an image a test adds: it may answer as another image
};

// Validates one fixture: a JSON object; "__double" well formed; the imageId
// as `check` says. Errors name the problem.
std::expected<Fixture, std::string> ParseFixture(const std::string& image_id, std::string_view json,
                                                 ImageIdCheck check);

bool IsValidImageId(std::string_view id);  // ^img-[0-9a-z]{8,32}$
bool IsValidRegion(std::string_view id);   // ^[a-z]{2}-[a-z]+-[0-9]+$

class FixtureStore {
 public:
  // Loads every <dir>/images/*.json; fails on the first bad file, naming it.
  std::expected<void, std::string> LoadDirectory(const std::filesystem::path& dir);
  std::expected<void, std::string> Put(const std::string& image_id, std::string_view json);
  std::optional<Fixture> Find(const std::string& image_id) const;
  std::vector<Fixture> All() const;  // by image id
  std::vector<std::string> Ids() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, Fixture> by_id_;
};

}  // namespace api_double
