// jdcloud_images through the whole core with a fake client: the filter's
// validation on its paths, the search it sends, name_regex, the order, no
// match, errors naming the search, and identical searches sharing one call.
#include <catch2/catch.hpp>

#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

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

const cty::Type& ImagesType() {
  static const cty::Type type =
      provider::CreateProvider(FakeApi().Factory())->DataSourceSchemas().at("jdcloud_images").block.ImpliedType();
  return type;
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
