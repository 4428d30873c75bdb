// jdcloud_images through the real binary, both protocols, against the API
// double serving the generated catalog (tests/fixtures/catalog: 240 public
// images of which 3 withdrawn, 10 private web-golden-N, besides tests/fixtures): the filter's
// validation on its paths, paging, order, name_regex, identical concurrent
// searches costing one set of calls, and lying pages ending in an error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <future>
#include <regex>
#include <set>
#include <vector>

#include "read_support.h"

using namespace harness;

namespace {

// The catalog's 237 online public images and tests/fixtures' img-h8ly274zg9 (the
// double serves both sets; img-unusable01 is withdrawn).
constexpr std::size_t kPublicOnline = 238;

struct SearchRig {
  ReadRig rig;
  cty::Type images_type;
  cty::Type filter_type;

  cty::Value Config(const std::map<std::string, cty::Value>& filter) const {
    return ConfigObject(images_type, {{"filter", ConfigObject(filter_type, filter)}});
  }
  ReadOutcome Read(const std::map<std::string, cty::Value>& filter) {
    return rig.plugin.client->ReadDataSource("jdcloud_images", Config(filter));
  }
};

SearchRig StartSearchRig(const std::string& versions) {
  SearchRig s{StartRig(versions, DoubleCredentials(), {"--fixtures", FixturesDir() + "/catalog"}), {}, {}};
  auto type = s.rig.plugin.client->DataSourceType("jdcloud_images");
  REQUIRE(type.has_value());
  s.images_type = *type;
  s.filter_type = s.images_type.attributes().at("filter");
  auto configured = s.rig.Configure();
  REQUIRE(configured.ok());
  REQUIRE(configured.diagnostics.empty());
  return s;
}

cty::Value S(const char* text) { return cty::Value::String(text); }

std::vector<std::string> Ids(const cty::Value& state) {
  std::vector<std::string> ids;
  for (const auto& id : state.GetAttr("ids").elements()) ids.push_back(id.as_string());
  return ids;
}

}  // namespace

TEST_CASE("jdcloud_images: filter errors on their paths at validation, before any call", "[search]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto s = StartSearchRig(versions);
  struct Case {
    std::map<std::string, cty::Value> filter;
    const char* path;
  };
  for (const Case& c : std::vector<Case>{
           {{{"image_source", S("public")}, {"name_regex", S("web-(")}}, "filter.name_regex"},
           {{{"image_source", S("everyone")}}, "filter.image_source"},
           {{{"platform", S("CentOS")}}, "filter.image_source"},
           {{{"image_source", S("public")}, {"launch_permission", S("all")}}, "filter.launch_permission"},
       }) {
    INFO(c.path);
    auto r = s.rig.plugin.client->ValidateDataSourceConfig("jdcloud_images", s.Config(c.filter));
    REQUIRE(r.ok());
    INFO(Describe(r.diagnostics));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].path == c.path);
  }
  CHECK(s.rig.Stats().total == 0);
  ShutdownCleanly(s.rig.plugin);
}

TEST_CASE("jdcloud_images: every public image in three pages, newest first", "[search]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto s = StartSearchRig(versions);
  auto r = s.Read({{"image_source", S("public")}});
  REQUIRE(r.ok());
  INFO(Describe(r.diagnostics));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.state.has_value());
  const auto ids = Ids(*r.state);
  CHECK(ids.size() == kPublicOnline);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  // Dated images first, each no newer than the one before; the rest after.
  // The catalog writes every date as UTC "YYYY-MM-DDTHH:MM:SSZ", whose text
  // order is its time order: an oracle apart from the provider's parser.
  static const std::regex kUtc(R"(^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$)");
  const auto& images = r.state->GetAttr("images").elements();
  REQUIRE(images.size() == ids.size());
  std::string previous;
  bool undated_seen = false;
  for (std::size_t i = 0; i < images.size(); ++i) {
    INFO("image " << ids[i]);
    CHECK(images[i].GetAttr("image_id").as_string() == ids[i]);
    CHECK(images[i].GetAttr("image_source") == S("public"));
    const cty::Value& created = images[i].GetAttr("create_time");
    if (created.is_null() || !std::regex_match(created.as_string(), kUtc)) {
      undated_seen = true;
      continue;
    }
    CHECK_FALSE(undated_seen);
    if (!previous.empty()) CHECK(created.as_string() <= previous);
    if (created.as_string() == previous) CHECK(ids[i - 1] < ids[i]);  // ties by id
    previous = created.as_string();
  }
  const auto stats = s.rig.Stats();
  CHECK(stats.routes.at("describeImages") == 3);
  ShutdownCleanly(s.rig.plugin);
}

TEST_CASE("jdcloud_images: name_regex finds the golden images; no match is empty lists", "[search]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto s = StartSearchRig(versions);
  auto golden = s.Read({{"image_source", S("private")}, {"name_regex", S("^web-golden-")}});
  REQUIRE(golden.ok());
  REQUIRE(golden.state.has_value());
  CHECK(Ids(*golden.state).size() == 10);
  auto none = s.Read({{"image_source", S("private")}, {"name_regex", S("^no-such-image$")}});
  REQUIRE(none.ok());
  INFO(Describe(none.diagnostics));
  CHECK(none.diagnostics.empty());
  REQUIRE(none.state.has_value());
  CHECK(Ids(*none.state).empty());
  CHECK(none.state->GetAttr("images").elements().empty());
  CHECK(s.rig.Stats().routes.at("describeImages") == 1);  // the same search, answered once
  ShutdownCleanly(s.rig.plugin);
}

TEST_CASE("jdcloud_images: ids list the images asked for, but never a withdrawn one", "[search]") {
  auto s = StartSearchRig("5");
  // img-20af538b14 is a withdrawn public catalog image, which the API lists for ids.N.
  const std::vector<std::string> asked = {"img-h8ly274zg9", "img-20af538b14", "img-m5s0f7ss4c"};
  std::vector<cty::Value> ids;
  for (const auto& id : asked) ids.push_back(cty::Value::String(id));
  auto r = s.Read({{"ids", cty::Value::List(cty::Type::String(), ids)}});
  REQUIRE(r.ok());
  INFO(Describe(r.diagnostics));
  REQUIRE(r.state.has_value());
  auto found = Ids(*r.state);
  std::sort(found.begin(), found.end());
  CHECK(found == std::vector<std::string>{"img-h8ly274zg9", "img-m5s0f7ss4c"});
  ShutdownCleanly(s.rig.plugin);
}

TEST_CASE("jdcloud_images: ten identical concurrent searches cost one set of calls", "[search][concurrency]") {
  auto s = StartSearchRig("6");
  std::vector<std::future<ReadOutcome>> reads;
  for (int i = 0; i < 10; ++i)
    reads.push_back(std::async(std::launch::async, [&] { return s.Read({{"image_source", S("public")}}); }));
  for (auto& read : reads) {
    auto r = read.get();
    REQUIRE(r.ok());
    REQUIRE(r.state.has_value());
    CHECK(Ids(*r.state).size() == kPublicOnline);
  }
  CHECK(s.rig.Stats().routes.at("describeImages") == 3);
  ShutdownCleanly(s.rig.plugin);
}

TEST_CASE("jdcloud_images: pages that lie end in one error naming the request id", "[search][faults]") {
  auto fault = GENERATE(std::string(R"({"kind":"total_count_mismatch"})"), std::string(R"({"kind":"repeat_page"})"));
  CAPTURE(fault);
  auto s = StartSearchRig("5");
  auto added = s.rig.api->AddFaults(fault);
  INFO((added ? "" : added.error()));
  REQUIRE(added.has_value());
  auto r = s.Read({{"image_source", S("public")}});
  const Diag d = RequireOneError(r);
  CHECK_THAT(d.summary, Catch::Contains("Malformed response"));
  CHECK_THAT(d.detail, Catch::Contains("describeImages") && Catch::Contains("Request ID: ") &&
                           Catch::Contains("region \"cn-north-1\"") && Catch::Contains("image_source = \"public\""));
  CHECK(s.rig.Stats().routes.at("describeImages") == 2);
  ShutdownCleanly(s.rig.plugin);
}

namespace {

ReadOutcome ReadImageByFilter(SearchRig& s, const std::map<std::string, cty::Value>& filter,
                              std::optional<bool> most_recent = std::nullopt) {
  const cty::Type image_filter = s.rig.image_type.attributes().at("filter");
  std::map<std::string, cty::Value> set = {{"filter", ConfigObject(image_filter, filter)}};
  if (most_recent) set["most_recent"] = cty::Value::Bool(*most_recent);
  return s.rig.plugin.client->ReadDataSource("jdcloud_image", ConfigObject(s.rig.image_type, set));
}

}  // namespace

TEST_CASE("jdcloud_image search mode: one match, several, most_recent", "[search][image]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto s = StartSearchRig(versions);

  auto one = ReadImageByFilter(s, {{"image_source", S("private")}, {"name_regex", S("^web-golden-1$")}});
  REQUIRE(one.ok());
  INFO(Describe(one.diagnostics));
  REQUIRE(one.state.has_value());
  CHECK(one.state->GetAttr("name") == S("web-golden-1"));
  CHECK(one.state->GetAttr("image_id") == one.state->GetAttr("id"));
  CHECK(one.state->GetAttr("filter").GetAttr("name_regex") == S("^web-golden-1$"));

  auto several = ReadImageByFilter(s, {{"image_source", S("private")}, {"name_regex", S("^web-golden-")}});
  const Diag d = RequireOneError(several);
  CHECK(d.summary == "Several images match the filter");
  CHECK_THAT(d.detail, Catch::Contains("10 images") && Catch::Contains("most_recent = true") &&
                           Catch::Contains("name_regex = \"^web-golden-\""));

  auto newest = ReadImageByFilter(s, {{"image_source", S("private")}, {"name_regex", S("^web-golden-")}}, true);
  REQUIRE(newest.ok());
  REQUIRE(newest.state.has_value());
  CHECK(newest.state->GetAttr("most_recent") == cty::Value::Bool(true));
  // The newest is the first id the several-match error listed.
  const std::size_t from = d.detail.find("newest first: \"");
  REQUIRE(from != std::string::npos);
  const std::size_t start = from + std::string("newest first: \"").size();
  const std::string first_listed = d.detail.substr(start, d.detail.find('"', start) - start);
  CHECK(newest.state->GetAttr("image_id").as_string() == first_listed);

  auto none = ReadImageByFilter(s, {{"image_source", S("private")}, {"name_regex", S("^nothing$")}});
  CHECK(RequireOneError(none).summary == "No image matches the filter");
  CHECK(s.rig.Stats().routes.at("describeImages") == 1);  // four reads, one search
  ShutdownCleanly(s.rig.plugin);
}
