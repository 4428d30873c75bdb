#include "fixture_store.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace api_double {
namespace {

constexpr const char* kDoubleMember = "__double";

std::expected<std::vector<std::string>, std::string> ParseRegions(const rapidjson::Value& meta) {
  if (!meta.IsObject()) return std::unexpected("\"__double\" must be an object");
  std::vector<std::string> regions;
  for (auto m = meta.MemberBegin(); m != meta.MemberEnd(); ++m) {
    if (std::string_view(m->name.GetString()) != "regions")
      return std::unexpected(std::string("unknown member \"__double.") + m->name.GetString() + "\"");
    if (!m->value.IsArray()) return std::unexpected("\"__double.regions\" must be an array of region ids");
    for (const auto& r : m->value.GetArray()) {
      if (!r.IsString() || !IsValidRegion(r.GetString()))
        return std::unexpected("\"__double.regions\" must hold region ids such as cn-north-1");
      regions.emplace_back(r.GetString());
    }
  }
  return regions;
}

}  // namespace

bool IsValidImageId(std::string_view id) {
  static const std::regex kPattern("^img-[0-9a-z]{8,32}$");
  return std::regex_match(id.begin(), id.end(), kPattern);
}

bool IsValidRegion(std::string_view id) {
  static const std::regex kPattern("^[a-z]{2}-[a-z]+-[0-9]+$");
  return std::regex_match(id.begin(), id.end(), kPattern);
}

bool Fixture::ServedIn(std::string_view region) const {
  return regions.empty() || std::find(regions.begin(), regions.end(), region) != regions.end();
}

std::expected<Fixture, std::string> ParseFixture(const std::string& image_id, std::string_view json) {
  if (!IsValidImageId(image_id)) return std::unexpected("image id \"" + image_id + "\" does not match ^img-[0-9a-z]{8,32}$");
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    return std::unexpected("invalid JSON at offset " + std::to_string(doc.GetErrorOffset()) + ": " +
                           rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) return std::unexpected("a fixture must be a JSON object (the Image)");
  Fixture f;
  f.image_id = image_id;
  if (auto it = doc.FindMember("imageId"); it != doc.MemberEnd() && it->value.IsString() &&
                                           image_id != it->value.GetString())
    return std::unexpected(std::string("imageId \"") + it->value.GetString() + "\" differs from the file name");
  if (auto it = doc.FindMember(kDoubleMember); it != doc.MemberEnd()) {
    auto regions = ParseRegions(it->value);
    if (!regions) return std::unexpected(regions.error());
    f.regions = std::move(*regions);
    doc.RemoveMember(kDoubleMember);
  }
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  f.image_json.assign(buf.GetString(), buf.GetSize());
  return f;
}

std::expected<void, std::string> FixtureStore::LoadDirectory(const std::filesystem::path& dir) {
  const auto images = dir / "images";
  std::error_code ec;
  if (!std::filesystem::is_directory(images, ec))
    return std::unexpected("fixture directory " + images.string() + " does not exist");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(images, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec) return std::unexpected("cannot list " + images.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::map<std::string, Fixture> loaded;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return std::unexpected("cannot read " + file.string());
    auto fixture = ParseFixture(file.stem().string(), text.str());
    if (!fixture) return std::unexpected(file.string() + ": " + fixture.error());
    loaded.emplace(fixture->image_id, std::move(*fixture));
  }
  std::lock_guard lock(mu_);
  for (auto& [id, f] : loaded) by_id_.insert_or_assign(id, std::move(f));
  return {};
}

std::expected<void, std::string> FixtureStore::Put(const std::string& image_id, std::string_view json) {
  auto fixture = ParseFixture(image_id, json);
  if (!fixture) return std::unexpected(fixture.error());
  std::lock_guard lock(mu_);
  by_id_.insert_or_assign(image_id, std::move(*fixture));
  return {};
}

std::optional<Fixture> FixtureStore::Find(const std::string& image_id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(image_id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> FixtureStore::Ids() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> ids;
  for (const auto& [id, f] : by_id_) ids.push_back(id);
  return ids;
}

}  // namespace api_double
