#include "fixture_store.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "json/tree.h"

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

const std::string* Fixture::String(std::string_view name) const {
  const auto it = strings.find(name);
  return it == strings.end() ? nullptr : &it->second;
}

// The Image without "__double", re-written by RapidJSON. Only our own
// fixture files carry that member, with plain numbers that survive this.
std::expected<std::string, std::string> WithoutDoubleMember(std::string_view json, std::vector<std::string>& regions) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) return std::unexpected(std::string("a fixture with \"__double\" must hold plain numbers"));
  auto parsed = ParseRegions(doc[kDoubleMember]);
  if (!parsed) return std::unexpected(parsed.error());
  regions = std::move(*parsed);
  doc.RemoveMember(kDoubleMember);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

std::expected<Fixture, std::string> ParseFixture(const std::string& image_id, std::string_view json,
                                                 ImageIdCheck check) {
  if (!IsValidImageId(image_id)) return std::unexpected("image id \"" + image_id + "\" does not match ^img-[0-9a-z]{8,32}$");
  // The provider's own JSON reader: whatever it can read (1e400, 2^64,
  // duplicate members) the double can serve.
  auto tree = json::ParseTree(json, 256, json::InvalidUtf8::kReject);
  if (!tree) return std::unexpected(tree.error());
  if (tree->kind != json::Node::Kind::Object) return std::unexpected("a fixture must be a JSON object (the Image)");
  Fixture f;
  f.image_id = image_id;
  // In source order, so the last occurrence of a duplicated member wins.
  for (std::size_t i = 0; i < tree->keys.size(); ++i) {
    if (tree->items[i].kind == json::Node::Kind::String) f.strings[tree->keys[i]] = tree->items[i].text;
    else f.strings.erase(tree->keys[i]);
  }
  const json::Node* offline = tree->Member("offline");
  f.offline = offline && offline->kind == json::Node::Kind::Bool && offline->boolean;
  if (const json::Node* id = tree->Member("imageId"); check == ImageIdCheck::kMustMatch && id &&
                                                      id->kind == json::Node::Kind::String && id->text != image_id)
    return std::unexpected("imageId \"" + id->text + "\" differs from the file name");
  if (tree->Member(kDoubleMember)) {
    auto rewritten = WithoutDoubleMember(json, f.regions);
    if (!rewritten) return std::unexpected(rewritten.error());
    f.image_json = std::move(*rewritten);
  } else {
    f.image_json = std::string(json);
  }
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
    auto fixture = ParseFixture(file.stem().string(), text.str(), ImageIdCheck::kMustMatch);
    if (!fixture) return std::unexpected(file.string() + ": " + fixture.error());
    loaded.emplace(fixture->image_id, std::move(*fixture));
  }
  std::lock_guard lock(mu_);
  for (auto& [id, f] : loaded) by_id_.insert_or_assign(id, std::move(f));
  return {};
}

std::expected<void, std::string> FixtureStore::Put(const std::string& image_id, std::string_view json) {
  // A test may want an answer for another image than the one asked for.
  auto fixture = ParseFixture(image_id, json, ImageIdCheck::kAny);
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

std::vector<Fixture> FixtureStore::All() const {
  std::lock_guard lock(mu_);
  std::vector<Fixture> all;
  all.reserve(by_id_.size());
  for (const auto& [id, f] : by_id_) all.push_back(f);
  return all;
}

std::vector<std::string> FixtureStore::Ids() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> ids;
  for (const auto& [id, f] : by_id_) ids.push_back(id);
  return ids;
}

}  // namespace api_double
