// Searches through the whole core with a fake client. jdcloud_images: the
// filter's validation on its paths, the search it sends, name_regex, the
// order, no match, errors naming the search, identical searches sharing one
// call. jdcloud_image's search mode: the one-mode rules, no match, several
// matches, most_recent, and the chosen image's state.
#include <catch2/catch.hpp>

#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "cty/codec.h"
#include "provider/provider_factory.h"
#include "fake_client.h"
#include "test_values.h"

using cty::Value;
using provider_test::AllText;
using provider_test::FakeApi;
using provider_test::FullProviderConfig;
using provider_test::ImageFromJson;
using provider_test::JsonString;

namespace {

cty::Type TypeOf(const std::string& data_source) {
  return provider::CreateProvider(FakeApi().Factory())->DataSourceSchemas().at(data_source).block.ImpliedType();
}

const cty::Type& ImagesType() {
  static const cty::Type type = TypeOf("jdcloud_images");
  return type;
}

const cty::Type& ImageType() {
  static const cty::Type type = TypeOf("jdcloud_image");
  return type;
}

// A jdcloud_image config with these attributes; `filter` holds these filter strings.
Value ImageSearchConfig(std::map<std::string, Value> attributes, std::optional<std::map<std::string, std::string>> filter) {
  if (filter) {
    std::map<std::string, Value> strings;
    for (auto& [name, value] : *filter) strings.emplace(name, Value::String(value));
    attributes.emplace("filter", provider_test::ObjectOfType(ImageType().attributes().at("filter"), strings));
  }
  return provider_test::ObjectOfType(ImageType(), attributes);
}

// A jdcloud_images config whose filter has these string attributes.
Value ImagesConfig(std::map<std::string, std::string> filter, std::optional<std::vector<std::string>> ids = {}) {
  std::map<std::string, Value> attributes;
  for (auto& [name, value] : filter) attributes.emplace(name, Value::String(value));
  if (ids) {
    std::vector<Value> elements;
    for (const auto& id : *ids) elements.push_back(Value::String(id));
    attributes.emplace("ids", Value::List(cty::Type::String(), std::move(elements)));
  }
  const cty::Type& filter_type = ImagesType().attributes().at("filter");
  return provider_test::ObjectOfType(ImagesType(), {{"filter", provider_test::ObjectOfType(filter_type, attributes)}});
}

jdcloud::Image Image(const std::string& id, const std::string& name, const std::string& create_time) {
  return ImageFromJson(R"({"imageId":)" + JsonString(id) + R"(,"name":)" + JsonString(name) +
                       R"(,"createTime":)" + JsonString(create_time) + "}");
}

struct Fixture {
  FakeApi api;
  std::unique_ptr<provider::Provider> p = provider::CreateProvider(api.Factory());
  Fixture() { REQUIRE(p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty()); }
  void Answer(std::vector<jdcloud::Image> images) {
    api.SetSearchHandler([images](const std::string&, const jdcloud::ImageSearch&, jdcloud::Cancellation&) {
      return provider_test::SearchOutcome(jdcloud::DescribeImagesResult{images, 3, "req-list-9"});
    });
  }
  provider::ReadResult Read(const Value& config) { return p->ReadDataSource("jdcloud_images", config, {}); }
};

std::vector<std::string> Ids(const Value& state) {
  std::vector<std::string> ids;
  for (const Value& id : state.GetAttr("ids").elements()) ids.push_back(id.as_string());
  return ids;
}

// The one error's attribute path, as "filter.image_source" or "filter.ids[1]".
std::string PathText(const provider::Diagnostics& diags) {
  REQUIRE(diags.size() == 1);
  std::string text;
  for (const auto& step : diags[0].attribute) {
    if (const auto* a = std::get_if<provider::AttributeName>(&step)) text += (text.empty() ? "" : ".") + a->name;
    if (const auto* i = std::get_if<provider::ElementKeyInt>(&step)) text += "[" + std::to_string(i->index) + "]";
  }
  return text;
}

}  // namespace

TEST_CASE("jdcloud_images validates each filter attribute on its own path, before any call", "[images][validate]") {
  Fixture f;
  struct Case {
    Value config;
    const char* path;
    const char* says;
  };
  const std::vector<Case> cases = {
      {ImagesConfig({{"image_source", "official"}}), "filter.image_source", "\"public\", \"thirdparty\""},
      {ImagesConfig({{"image_source", "public"}, {"root_device_type", "ssd"}}), "filter.root_device_type", "localDisk"},
      {ImagesConfig({{"image_source", "public"}, {"boot_mode", "UEFI"}}), "filter.boot_mode", "\"bios\", \"uefi\""},
      {ImagesConfig({{"image_source", "private"}, {"launch_permission", "everyone"}}), "filter.launch_permission",
       "specifiedUsers"},
      {ImagesConfig({{"image_source", "public"}, {"launch_permission", "all"}}), "filter.launch_permission",
       "image_source = \"private\""},
      {ImagesConfig({{"platform", "CentOS"}}), "filter.image_source", "unless ids"},
      {ImagesConfig({{"image_source", "public"}, {"name_regex", "web-(golden"}}), "filter.name_regex", "RE2"},
      {ImagesConfig({}, std::vector<std::string>{"img-m5s0f7ss4c", "ami-123"}), "filter.ids[1]", "img-"},
  };
  for (const auto& c : cases) {
    INFO(c.path);
    const auto diags = f.p->ValidateDataSourceConfig("jdcloud_images", c.config);
    CHECK(PathText(diags) == c.path);
    CHECK_THAT(AllText(diags), Catch::Contains(c.says));
    CHECK_FALSE(f.Read(c.config).state);
  }
  CHECK(f.api.searches() == 0);
}

TEST_CASE("unknown filter values are never validation errors", "[images][validate]") {
  Fixture f;
  const cty::Type& filter_type = ImagesType().attributes().at("filter");
  const Value unknown = Value::Unknown(cty::Type::String());
  const std::vector<std::map<std::string, Value>> filters = {
      {{"image_source", unknown}},                                      // may become "public"
      {{"image_source", Value::String("public")}, {"name_regex", unknown}},
      {{"image_source", unknown}, {"launch_permission", Value::String("all")}},  // may become "private"
      {{"image_source", Value::String("private")}, {"launch_permission", unknown}},
      {{"ids", Value::Unknown(cty::Type::List(cty::Type::String()))}},  // may hold ids: no image_source needed
  };
  for (const auto& attributes : filters) {
    const Value config =
        provider_test::ObjectOfType(ImagesType(), {{"filter", provider_test::ObjectOfType(filter_type, attributes)}});
    CHECK(f.p->ValidateDataSourceConfig("jdcloud_images", config).empty());
  }
}

TEST_CASE("valid filters pass validation", "[images][validate]") {
  Fixture f;
  for (const Value& config :
       {ImagesConfig({{"image_source", "public"}, {"platform", "Windows Server"}, {"name_regex", "^CentOS 7\\.9"}}),
        ImagesConfig({{"image_source", "private"}, {"launch_permission", "ownerOnly"}}),
        ImagesConfig({}, std::vector<std::string>{"img-m5s0f7ss4c"}),
        ImagesConfig({{"image_source", "community"}, {"root_device_type", "cloudDisk"}, {"boot_mode", "bios"}})}) {
    CHECK(f.p->ValidateDataSourceConfig("jdcloud_images", config).empty());
  }
}

TEST_CASE("the filter is sent as describeImages conditions; name_regex is not sent", "[images][read]") {
  Fixture f;
  auto result = f.Read(ImagesConfig({{"image_source", "public"},
                                     {"platform", "CentOS"},
                                     {"architecture", "x86_64"},
                                     {"name_contains", "7.9"},
                                     {"name_regex", "x"},
                                     {"status", "ready"}}));
  REQUIRE(result.state);
  const auto log = f.api.search_log();
  REQUIRE(log.size() == 1);
  jdcloud::ImageSearch expected;
  expected.image_source = "public";
  expected.platform = "CentOS";
  expected.architecture = "x86_64";
  expected.image_name = "7.9";
  expected.status = "ready";
  CHECK(log[0] == expected);
}

TEST_CASE("images come newest first, then unparseable times, then none; ties by id", "[images][read]") {
  Fixture f;
  f.Answer({Image("img-old", "a", "2020-01-01T00:00:00Z"), Image("img-none", "b", ""),
            Image("img-bad-b", "c", "yesterday"), Image("img-new", "d", "2024-06-01T08:00:00+08:00"),
            Image("img-tie-b", "e", "2023-01-01T00:00:00Z"), Image("img-bad-a", "f", "last week"),
            Image("img-tie-a", "g", "2023-01-01T08:00:00+08:00")});
  auto result = f.Read(ImagesConfig({{"image_source", "public"}}));
  REQUIRE(result.state);
  CHECK(result.diagnostics.empty());
  CHECK(Ids(*result.state) == std::vector<std::string>{"img-new", "img-tie-a", "img-tie-b", "img-old", "img-bad-a",
                                                       "img-bad-b", "img-none"});
  const auto& images = result.state->GetAttr("images").elements();
  REQUIRE(images.size() == 7);
  CHECK(images[0].GetAttr("image_id") == Value::String("img-new"));
  CHECK(images[0].GetAttr("id") == Value::String("img-new"));
  CHECK(images[0].GetAttr("name") == Value::String("d"));
  CHECK(images[0].GetAttr("create_time") == Value::String("2024-06-01T08:00:00+08:00"));
  CHECK(result.state->GetAttr("region") == Value::String("cn-north-1"));
  CHECK(result.state->GetAttr("filter") == ImagesConfig({{"image_source", "public"}}).GetAttr("filter"));
}

TEST_CASE("name_regex keeps names it matches anywhere, RE2 semantics", "[images][read]") {
  Fixture f;
  f.Answer({Image("img-a", "web-golden-1", "2024-01-01T00:00:00Z"), Image("img-b", "old-web-golden", "2024-01-02T00:00:00Z"),
            Image("img-c", "db-golden", "2024-01-03T00:00:00Z"), Image("img-d", "web-golden-10", "2024-01-04T00:00:00Z")});
  std::string source = "private";
  const auto ids = [&](const std::string& regex) {
    auto result = f.Read(ImagesConfig({{"image_source", source}, {"name_regex", regex}}));
    REQUIRE(result.state);
    return Ids(*result.state);
  };
  CHECK(ids("web-golden") == std::vector<std::string>{"img-d", "img-b", "img-a"});
  CHECK(ids("^web-golden-") == std::vector<std::string>{"img-d", "img-a"});
  CHECK(ids("^web-golden-\\d$") == std::vector<std::string>{"img-a"});
  CHECK(ids("(?i)DB") == std::vector<std::string>{"img-c"});
  CHECK(ids("nothing").empty());
  // A long name and a pathological pattern: RE2 is linear, std::regex would recurse.
  f.Answer({Image("img-long", std::string(200000, 'a'), "")});
  source = "public";  // another search: the private one's answer is cached
  CHECK(ids("(a|aa)*b").empty());
  CHECK(ids("(a|aa)*$") == std::vector<std::string>{"img-long"});
}

TEST_CASE("withdrawn images are never found, even when the API lists them for ids", "[images][read]") {
  Fixture f;
  f.Answer({ImageFromJson(R"({"imageId":"img-online01","offline":false})"),
            ImageFromJson(R"({"imageId":"img-withdrawn","offline":true})"), ImageFromJson(R"({"imageId":"img-unsaid01"})")});
  auto result = f.Read(ImagesConfig({}, std::vector<std::string>{"img-online01", "img-withdrawn", "img-unsaid01"}));
  REQUIRE(result.state);
  CHECK(Ids(*result.state) == std::vector<std::string>{"img-online01", "img-unsaid01"});
}

TEST_CASE("no match is two empty lists, not an error", "[images][read]") {
  Fixture f;
  auto result = f.Read(ImagesConfig({{"image_source", "shared"}}));
  REQUIRE(result.state);
  CHECK(result.diagnostics.empty());
  CHECK(result.state->GetAttr("ids").elements().empty());
  CHECK(result.state->GetAttr("images").elements().empty());
  CHECK(result.state->GetAttr("ids").type() == cty::Type::List(cty::Type::String()));
}

TEST_CASE("a failed search names the region and every filter value, with the request id", "[images][read]") {
  Fixture f;
  f.api.SetSearchHandler([](const std::string&, const jdcloud::ImageSearch&, jdcloud::Cancellation&) {
    jdcloud::ApiError e{};
    e.kind = jdcloud::ApiError::Kind::TooManyImages;
    e.http_status = 200;
    e.request_id = "req-many";
    e.message = "12000 images match on the server";
    return provider_test::SearchOutcome(std::unexpected(e));
  });
  auto result = f.Read(ImagesConfig({{"image_source", "public"}, {"platform", "CentOS"}, {"name_regex", "^x"}}));
  CHECK_FALSE(result.state);
  const std::string text = AllText(result.diagnostics);
  CHECK_THAT(text, Catch::Contains("region \"cn-north-1\"") && Catch::Contains("image_source = \"public\"") &&
                       Catch::Contains("platform = \"CentOS\"") && Catch::Contains("name_regex = \"^x\"") &&
                       Catch::Contains("req-many") && Catch::Contains("Narrow the filter"));
}

TEST_CASE("identical searches, concurrent or repeated, cost one call; a different one costs its own",
          "[images][cache]") {
  Fixture f;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  f.api.SetSearchHandler([released](const std::string&, const jdcloud::ImageSearch&, jdcloud::Cancellation&) {
    released.wait();
    return provider_test::SearchOutcome(jdcloud::DescribeImagesResult{{}, 1, "req"});
  });
  const Value config = ImagesConfig({{"image_source", "public"}, {"name_regex", "a"}});
  const Value same_search = ImagesConfig({{"image_source", "public"}, {"name_regex", "b"}});  // regex is local
  std::vector<std::future<provider::ReadResult>> reads;
  for (int i = 0; i < 8; ++i)
    reads.push_back(std::async(std::launch::async, [&, i] { return f.Read(i % 2 ? config : same_search); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  release.set_value();
  for (auto& r : reads) CHECK(r.get().state);
  CHECK(f.api.searches() == 1);
  CHECK(f.Read(config).state);
  CHECK(f.api.searches() == 1);
  CHECK(f.Read(ImagesConfig({{"image_source", "private"}})).state);
  CHECK(f.api.searches() == 2);
}

TEST_CASE("jdcloud_image takes exactly one of image_id and filter; most_recent only with filter", "[image][mode]") {
  Fixture f;
  const Value unknown = Value::Unknown(cty::Type::String());
  struct Case {
    Value config;
    const char* path;  // "" when valid
  };
  const std::vector<Case> cases = {
      {ImageSearchConfig({{"image_id", Value::String("img-m5s0f7ss4c")}}, std::map<std::string, std::string>{{"image_source", "public"}}), "filter"},
      {ImageSearchConfig({}, std::nullopt), "image_id"},
      {ImageSearchConfig({{"image_id", Value::String("img-m5s0f7ss4c")}, {"most_recent", Value::Bool(true)}}, std::nullopt),
       "most_recent"},
      {ImageSearchConfig({{"image_id", Value::String("img-m5s0f7ss4c")}, {"most_recent", Value::Bool(false)}}, std::nullopt), ""},
      {ImageSearchConfig({{"most_recent", Value::Bool(true)}}, std::map<std::string, std::string>{{"image_source", "public"}}), ""},
      {ImageSearchConfig({{"image_id", unknown}}, std::map<std::string, std::string>{{"image_source", "public"}}), ""},
      {ImageSearchConfig({{"image_id", unknown}}, std::nullopt), ""},
      {ImageSearchConfig({{"most_recent", Value::Unknown(cty::Type::Bool())}}, std::nullopt), "image_id"},
      {ImageSearchConfig({}, std::map<std::string, std::string>{{"image_source", "public"}, {"name_regex", "("}}), "filter.name_regex"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i);
    const auto diags = f.p->ValidateDataSourceConfig("jdcloud_image", cases[i].config);
    if (std::string(cases[i].path).empty()) {
      CHECK(diags.empty());
    } else {
      CHECK(PathText(diags) == cases[i].path);
    }
  }
  CHECK(f.api.searches() == 0);
  CHECK(f.api.calls() == 0);
}

TEST_CASE("jdcloud_image search: one match is the state, mapped as a lookup maps it", "[image][search]") {
  Fixture f;
  f.Answer({ImageFromJson(R"({"imageId":"img-golden01","name":"web-golden-1","status":"ready","sizeMB":350.5,
                              "createTime":"2024-01-01T00:00:00Z"})"),
            Image("img-other001", "db", "2024-02-01T00:00:00Z")});
  const Value config = ImageSearchConfig({}, std::map<std::string, std::string>{{"image_source", "private"}, {"name_regex", "^web-"}});
  auto result = f.p->ReadDataSource("jdcloud_image", config, {});
  REQUIRE(result.state);
  CHECK(result.diagnostics.empty());
  CHECK(result.state->type() == ImageType());
  CHECK(result.state->GetAttr("image_id") == Value::String("img-golden01"));
  CHECK(result.state->GetAttr("id") == Value::String("img-golden01"));
  CHECK(result.state->GetAttr("region") == Value::String("cn-north-1"));
  CHECK(cty::TypeToJson(result.state->GetAttr("size_mb").type()) == "\"number\"");
  CHECK(result.state->GetAttr("filter") == config.GetAttr("filter"));
  CHECK(result.state->GetAttr("most_recent").is_null());
  CHECK(f.api.calls() == 0);  // no describeImage: the list answer has every field
}

TEST_CASE("jdcloud_image search: several matches fail with the count and 5 ids, unless most_recent", "[image][search]") {
  Fixture f;
  std::vector<jdcloud::Image> images;
  for (int day = 1; day <= 7; ++day)
    images.push_back(Image("img-day0000" + std::to_string(day), "centos", "2024-01-0" + std::to_string(day) + "T00:00:00Z"));
  f.Answer(images);
  const std::map<std::string, std::string> filter = {{"image_source", "public"}, {"platform", "CentOS"}};
  auto several = f.p->ReadDataSource("jdcloud_image", ImageSearchConfig({}, filter), {});
  CHECK_FALSE(several.state);
  REQUIRE(several.diagnostics.size() == 1);
  CHECK(several.diagnostics[0].summary == "Several images match the filter");
  const std::string& detail = several.diagnostics[0].detail;
  CHECK_THAT(detail, Catch::Contains("7 images") && Catch::Contains("most_recent = true") &&
                         Catch::Contains("platform = \"CentOS\"") &&
                         Catch::Contains("\"img-day00007\", \"img-day00006\", \"img-day00005\", \"img-day00004\", \"img-day00003\", …"));
  CHECK_THAT(detail, !Catch::Contains("img-day00002"));

  auto newest = f.p->ReadDataSource("jdcloud_image", ImageSearchConfig({{"most_recent", Value::Bool(true)}}, filter), {});
  REQUIRE(newest.state);
  CHECK(newest.state->GetAttr("image_id") == Value::String("img-day00007"));
  CHECK(newest.state->GetAttr("most_recent") == Value::Bool(true));
  auto not_newest = f.p->ReadDataSource("jdcloud_image", ImageSearchConfig({{"most_recent", Value::Bool(false)}}, filter), {});
  CHECK_FALSE(not_newest.state);
  CHECK(f.api.searches() == 1);  // one search served all three reads
}

TEST_CASE("jdcloud_image search: no match is an error naming the search", "[image][search]") {
  Fixture f;
  auto result = f.p->ReadDataSource(
      "jdcloud_image", ImageSearchConfig({}, std::map<std::string, std::string>{{"image_source", "shared"}, {"name_regex", "^x$"}}), {});
  CHECK_FALSE(result.state);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].summary == "No image matches the filter");
  CHECK_THAT(result.diagnostics[0].detail, Catch::Contains("region \"cn-north-1\"") &&
                                               Catch::Contains("image_source = \"shared\"") &&
                                               Catch::Contains("name_regex = \"^x$\""));
}

TEST_CASE("jdcloud_image search: the chosen image's unusable warning, as a lookup gives it", "[image][search]") {
  Fixture f;
  f.Answer({ImageFromJson(R"({"imageId":"img-pending01","name":"n","status":"pending"})")});
  auto result = f.p->ReadDataSource(
      "jdcloud_image", ImageSearchConfig({}, std::map<std::string, std::string>{{"image_source", "private"}}), {});
  REQUIRE(result.state);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].severity == provider::Diagnostic::Severity::Warning);
  CHECK_THAT(AllText(result.diagnostics), Catch::Contains("img-pending01") && Catch::Contains("pending"));
}

TEST_CASE("jdcloud_image lookup: most_recent = false is kept in the state as configured", "[image][mode]") {
  Fixture f;
  auto result = f.p->ReadDataSource(
      "jdcloud_image", ImageSearchConfig({{"image_id", Value::String("img-m5s0f7ss4c")}, {"most_recent", Value::Bool(false)}}, std::nullopt), {});
  REQUIRE(result.state);
  CHECK(result.state->GetAttr("most_recent") == Value::Bool(false));
  CHECK(result.state->GetAttr("image_id") == Value::String("img-m5s0f7ss4c"));
  CHECK_FALSE(result.state_msgpack);  // not the cached lookup's bytes, which say null
}
