// GetProviderSchema / GetSchema and GetMetadata translation, both versions.
#include <memory>
#include <set>
#include <string>
#include <type_traits>

#include <catch2/catch.hpp>

#include "cty/codec.h"
#include "fake_provider.h"
#include "versions.h"

using namespace protocol_test;

namespace {

template <class Block>
const auto& FindAttribute(const Block& block, const std::string& name) {
  for (const auto& a : block.attributes()) {
    if (a.name() == name) return a;
  }
  FAIL("no attribute " << name);
  return block.attributes(0);
}

}  // namespace

TEMPLATE_TEST_CASE("the provider schema carries every attribute with its flags", "[schema]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  const auto schema = TestType::GetSchema(TestType::Cast(*service));

  CHECK(schema.diagnostics_size() == 0);
  REQUIRE(schema.has_provider());
  REQUIRE(schema.provider().has_block());
  const auto& block = schema.provider().block();
  CHECK(block.description() == "fake provider");
  REQUIRE(block.attributes_size() == 3);
  CHECK(block.attributes(0).name() == "endpoint");
  CHECK(block.attributes(1).name() == "max_retries");
  CHECK(block.attributes(2).name() == "secret_key");

  const auto& endpoint = FindAttribute(block, "endpoint");
  CHECK(endpoint.type() == "\"string\"");
  CHECK(endpoint.optional());
  CHECK_FALSE(endpoint.required());
  CHECK_FALSE(endpoint.computed());
  CHECK_FALSE(endpoint.sensitive());
  CHECK(endpoint.description() == "about endpoint");
  // Descriptions are Markdown, so editors render their backticks (StringKind.MARKDOWN is 1 in both).
  CHECK(static_cast<int>(endpoint.description_kind()) == 1);
  CHECK(static_cast<int>(block.description_kind()) == 1);
  CHECK(FindAttribute(block, "max_retries").type() == "\"number\"");
  CHECK(FindAttribute(block, "secret_key").sensitive());

  REQUIRE(schema.server_capabilities().get_provider_schema_optional());
  CHECK_FALSE(schema.server_capabilities().plan_destroy());
  CHECK(schema.resource_schemas_size() == 0);
  CHECK(schema.functions_size() == 0);
}

TEMPLATE_TEST_CASE("every data source schema has a block and the core's flags", "[schema]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  const auto schema = TestType::GetSchema(TestType::Cast(*service));

  REQUIRE(schema.data_source_schemas_size() == 2);
  for (const auto& [name, ds] : schema.data_source_schemas()) {
    INFO(name);
    CHECK(ds.has_block());
  }
  const auto& echo = schema.data_source_schemas().at("probe_echo").block();
  const auto& input = FindAttribute(echo, "input");
  CHECK(input.required());
  CHECK_FALSE(input.optional());
  CHECK_FALSE(input.computed());
  CHECK(FindAttribute(echo, "tags").type() == R"(["map","string"])");
  CHECK(FindAttribute(echo, "id").computed());

  const auto& nested = schema.data_source_schemas().at("probe_nested");
  CHECK(nested.version() == 2);
  const auto& region = FindAttribute(nested.block(), "region");
  CHECK(region.optional());
  CHECK(region.computed());
  CHECK_FALSE(region.required());

  // Every non-empty type must be valid cty type JSON, or Terraform crashes.
  for (const auto& [name, ds] : schema.data_source_schemas()) {
    for (const auto& a : ds.block().attributes()) {
      if (!a.type().empty()) CHECK(cty::TypeFromJson(a.type()).has_value());
    }
  }
}

TEMPLATE_TEST_CASE("the schema response is built once and identical on every call", "[schema]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);
  const std::string first = Deterministic(TestType::GetSchema(s));
  const std::string second = Deterministic(TestType::GetSchema(s));
  CHECK_FALSE(first.empty());
  CHECK(first == second);
}

TEMPLATE_TEST_CASE("nested blocks are served as block_types in both protocols", "[schema]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  const auto schema = TestType::GetSchema(TestType::Cast(*service));
  const auto& block = schema.data_source_schemas().at("probe_nested").block();
  REQUIRE(block.block_types_size() == 1);
  const auto& filter = block.block_types(0);
  CHECK(filter.type_name() == "filter");
  CHECK(filter.nesting() == std::remove_cvref_t<decltype(filter)>::SINGLE);
  CHECK(filter.min_items() == 1);
  CHECK(filter.max_items() == 1);
  CHECK(filter.block().description() == "about filter");
  REQUIRE(filter.block().attributes_size() == 2);
  CHECK(FindAttribute(filter.block(), "name_regex").optional());
  CHECK(FindAttribute(filter.block(), "ids").type() == R"(["list","string"])");
  CHECK(schema.data_source_schemas().at("probe_echo").block().block_types_size() == 0);
}

TEST_CASE("a nested block is one object attribute of the block's implied type", "[schema]") {
  FakeProvider fake;
  const cty::Type type = fake.DataSourceSchemas().at("probe_nested").block.ImpliedType();
  const std::string json = cty::TypeToJson(type);
  CHECK_THAT(json, Catch::Contains(R"("filter":["object",{"ids":["list","string"],"name_regex":"string"}])"));
}

TEST_CASE("protocol 6 serves nested attributes as nested_type", "[schema][v6]") {
  auto fake = std::make_shared<FakeProvider>();
  auto service = V6::New(fake);
  const auto schema = V6::GetSchema(V6::Cast(*service));
  const auto& block = schema.data_source_schemas().at("probe_nested").block();

  const auto& system_disk = FindAttribute(block, "system_disk");
  CHECK(system_disk.type().empty());
  CHECK(system_disk.computed());
  REQUIRE(system_disk.has_nested_type());
  CHECK(system_disk.nested_type().nesting() == tfplugin6::Schema::Object::SINGLE);
  REQUIRE(system_disk.nested_type().attributes_size() == 3);
  CHECK(system_disk.nested_type().attributes(0).name() == "kind");
  CHECK(system_disk.nested_type().attributes(0).type() == "\"string\"");
  CHECK(system_disk.nested_type().attributes(1).name() == "size");
  CHECK(system_disk.nested_type().attributes(1).type() == "\"number\"");
  const auto& cloud = system_disk.nested_type().attributes(2);
  CHECK(cloud.name() == "cloud");
  CHECK(cloud.type().empty());
  REQUIRE(cloud.has_nested_type());
  CHECK(cloud.nested_type().nesting() == tfplugin6::Schema::Object::SINGLE);
  CHECK(cloud.nested_type().attributes(0).name() == "id");

  const auto& data_disks = FindAttribute(block, "data_disks");
  CHECK(data_disks.type().empty());
  REQUIRE(data_disks.has_nested_type());
  CHECK(data_disks.nested_type().nesting() == tfplugin6::Schema::Object::LIST);
  CHECK(data_disks.nested_type().attributes_size() == 3);

  // Plain attributes never carry nested_type.
  CHECK_FALSE(FindAttribute(block, "image_id").has_nested_type());
}

TEST_CASE("protocol 5 serves nested attributes as their cty type JSON", "[schema][v5]") {
  auto fake = std::make_shared<FakeProvider>();
  auto service = V5::New(fake);
  const auto schema = V5::GetSchema(V5::Cast(*service));
  const auto& block = schema.data_source_schemas().at("probe_nested").block();

  const std::string disk = R"(["object",{"cloud":["object",{"id":"string"}],"kind":"string","size":"number"}])";
  CHECK(FindAttribute(block, "system_disk").type() == disk);
  CHECK(FindAttribute(block, "system_disk").computed());
  CHECK(FindAttribute(block, "data_disks").type() == R"(["list",)" + disk + "]");
}

TEMPLATE_TEST_CASE("GetMetadata lists the data sources and the capabilities", "[metadata]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  const auto metadata = TestType::GetMetadata(TestType::Cast(*service));

  CHECK(metadata.server_capabilities().get_provider_schema_optional());
  CHECK(metadata.diagnostics_size() == 0);
  std::set<std::string> names;
  for (const auto& ds : metadata.data_sources()) names.insert(ds.type_name());
  CHECK(names == std::set<std::string>{"probe_echo", "probe_nested"});
  CHECK(metadata.resources_size() == 0);
}
