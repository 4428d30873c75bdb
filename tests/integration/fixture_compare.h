// Compares a `jdcloud_image` state with the API JSON it came from, walking the
// JSON through the SPEC mapping (image_mapping.h): every mapped attribute must
// equal its JSON field (absent or null -> null; [] -> empty list; tags
// [{key,value}] -> map, null keys skipped, last duplicate wins), and the state
// must have no attribute the mapping does not know.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "cty/value.h"

namespace harness {

// Every difference, one "path: expected ..., got ..." line each; empty when
// the state matches. `image` is the API's Image object, parsed with
// kParseNumbersAsStringsFlag (numbers are compared exactly); a duplicated
// member counts as its last occurrence.
std::vector<std::string> CompareImageState(const rapidjson::Value& image, const cty::Value& state);

// A fixture file parsed; accepts the bare Image object or the API envelope
// {"requestId":..., "result":{"image":{...}}}.
struct Fixture {
  rapidjson::Document document;
  std::string image_id;
  // A region the double serves it in: the first of "__double".regions, else cn-north-1.
  std::string region = "cn-north-1";
  // Why SPEC says the image cannot launch instances ("status", "offline",
  // "expired"); the provider must then warn once.
  std::vector<std::string> unusable_reasons;
  // The Image object inside `document`.
  const rapidjson::Value& image() const;
};
std::expected<Fixture, std::string> LoadFixture(const std::string& path);

// The ids of tests/fixtures/images/*.json, sorted.
std::vector<std::string> FixtureImageIds(const std::string& fixtures_dir);

}  // namespace harness
