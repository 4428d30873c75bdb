// The served schemas match SPEC.md's tables exactly: names, types, roles.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "provider/image_schema.h"
#include "provider/provider.h"
#include "provider/provider_factory.h"
#include "provider/provider_schema.h"
#include "fake_client.h"

using cty::Type;
using provider::Attribute;
using provider::NestedAttributes;

namespace {

// The SPEC's types, written out independently of the schema code.
Type S() { return Type::String(); }
Type N() { return Type::Number(); }
Type B() { return Type::Bool(); }

Type SpecCloudDisk() {
  Type attachment = Type::Object({{"attach_time", S()}, {"attachment_id", S()}, {"disk_id", S()},
                                  {"instance_id", S()}, {"instance_type", S()}, {"status", S()}});
  Type charge = Type::Object({{"charge_mode", S()}, {"charge_status", S()}, {"charge_start_time", S()},
                              {"charge_expired_time", S()}, {"charge_retire_time", S()}});
  return Type::Object({{"disk_id", S()}, {"az", S()}, {"name", S()}, {"description", S()},
                       {"disk_type", S()}, {"status", S()}, {"create_time", S()}, {"snapshot_id", S()},
                       {"disk_size_gb", N()}, {"iops", N()}, {"throughput", N()},
                       {"multi_attachable", B()}, {"encrypted", B()},
                       {"attachments", Type::List(attachment)}, {"charge", charge},
                       {"tags", Type::Map(S())}});
}

Type SpecDiskAttachment() {
  return Type::Object({{"auto_delete", B()}, {"device_name", S()}, {"disk_category", S()},
                       {"status", S()}, {"cloud_disk", SpecCloudDisk()},
                       {"local_disk", Type::Object({{"disk_size_gb", N()}, {"disk_type", S()}})}});
}

// SPEC's filter block of jdcloud_image (jdcloud_images adds ids).
Type SpecImageFilter() {
  return Type::Object({{"image_source", S()}, {"platform", S()}, {"architecture", S()},
                       {"root_device_type", S()}, {"status", S()}, {"launch_permission", S()},
                       {"boot_mode", S()}, {"name_contains", S()}, {"name_regex", S()}});
}

Type SpecImageType() {
  return Type::Object({
      {"image_id", S()}, {"region", S()}, {"most_recent", B()}, {"filter", SpecImageFilter()}, {"id", S()}, {"name", S()}, {"description", S()},
      {"architecture", S()}, {"os_type", S()}, {"os_version", S()}, {"platform", S()},
      {"image_source", S()}, {"root_device_type", S()}, {"status", S()}, {"progress", S()},
      {"size_mb", N()}, {"snapshot_id", S()}, {"system_disk_size_gb", N()}, {"create_time", S()},
      {"launch_permission", S()}, {"offline", B()}, {"imported", B()}, {"expired_time", S()},
      {"boot_mode", S()}, {"owner_pin", S()}, {"instance_id", S()},
      {"system_disk", SpecDiskAttachment()}, {"data_disks", Type::List(SpecDiskAttachment())},
  });
}

const Attribute& Find(const std::vector<Attribute>& attributes, const std::string& name) {
  for (const auto& a : attributes) {
    if (a.name == name) return a;
  }
  FAIL("no attribute " << name);
  throw;  // unreachable
}

// Every nested attribute, at any depth, is computed, typed as its implied
// type, and holds only computed attributes.
void CheckNested(const Attribute& a) {
  INFO("attribute " << a.name);
  if (!a.nested) return;
  CHECK(a.computed);
  CHECK_FALSE(a.required);
  CHECK_FALSE(a.optional);
  std::map<std::string, Type> inner;
  std::set<std::string> names;
  for (const auto& child : a.nested->attributes) {
    CHECK(names.insert(child.name).second);
    inner.emplace(child.name, child.type);
    CHECK(child.computed);
    CHECK_FALSE(child.required);
    CHECK_FALSE(child.optional);
    CheckNested(child);
  }
  Type object = Type::Object(inner);
  CHECK(a.type == (a.nested->nesting == NestedAttributes::Nesting::List ? Type::List(object) : object));
}

}  // namespace

TEST_CASE("jdcloud_image's implied type is exactly the SPEC's") {
  provider::Schema schema = provider::BuildImageSchema();
  CHECK(schema.version == 0);
  CHECK(schema.block.ImpliedType() == SpecImageType());
  CHECK(provider::ImageStateType() == SpecImageType());
  CHECK(schema.block.attributes.size() + schema.block.block_types.size() == SpecImageType().attributes().size());
}

TEST_CASE("jdcloud_image arguments and computed attributes have the right roles") {
  provider::Schema schema = provider::BuildImageSchema();
  const auto& attrs = schema.block.attributes;
  const Attribute& image_id = Find(attrs, "image_id");  // optional + computed: a search fills it
  CHECK_FALSE(image_id.required);
  CHECK(image_id.optional);
  CHECK(image_id.computed);
  const Attribute& most_recent = Find(attrs, "most_recent");
  CHECK(most_recent.optional);
  CHECK_FALSE(most_recent.computed);
  CHECK(most_recent.type == Type::Bool());
  REQUIRE(schema.block.block_types.size() == 1);
  CHECK(schema.block.block_types[0].type_name == "filter");
  CHECK(schema.block.block_types[0].min_items == 0);  // optional: Terraform wants both 0
  CHECK(schema.block.block_types[0].max_items == 0);
  const Attribute& region = Find(attrs, "region");
  CHECK(region.optional);
  CHECK(region.computed);
  CHECK_FALSE(region.required);
  std::set<std::string> names;
  for (const auto& a : attrs) {
    INFO(a.name);
    CHECK(names.insert(a.name).second);
    CHECK_FALSE(a.description.empty());
    CHECK_FALSE(a.sensitive);
    if (a.name != "image_id" && a.name != "region" && a.name != "most_recent") {
      CHECK(a.computed);
      CHECK_FALSE(a.optional);
      CHECK_FALSE(a.required);
    }
    CheckNested(a);
  }
  CHECK(Find(attrs, "id").type == Type::String());
}

TEST_CASE("system_disk and data_disks are nested attributes, cloud_disk and friends too") {
  provider::Schema schema = provider::BuildImageSchema();
  const Attribute& system_disk = Find(schema.block.attributes, "system_disk");
  REQUIRE(system_disk.nested);
  CHECK(system_disk.nested->nesting == NestedAttributes::Nesting::Single);
  const Attribute& data_disks = Find(schema.block.attributes, "data_disks");
  REQUIRE(data_disks.nested);
  CHECK(data_disks.nested->nesting == NestedAttributes::Nesting::List);
  const Attribute& cloud_disk = Find(system_disk.nested->attributes, "cloud_disk");
  REQUIRE(cloud_disk.nested);
  CHECK(cloud_disk.nested->nesting == NestedAttributes::Nesting::Single);
  CHECK(Find(system_disk.nested->attributes, "local_disk").nested);
  const Attribute& attachments = Find(cloud_disk.nested->attributes, "attachments");
  REQUIRE(attachments.nested);
  CHECK(attachments.nested->nesting == NestedAttributes::Nesting::List);
  CHECK(Find(cloud_disk.nested->attributes, "charge").nested);
  const Attribute& tags = Find(cloud_disk.nested->attributes, "tags");
  CHECK_FALSE(tags.nested);
  CHECK(tags.type == Type::Map(Type::String()));
}

TEST_CASE("provider schema: eight optional arguments, secret_key and session_token sensitive") {
  provider::Schema schema = provider::BuildProviderSchema();
  CHECK(schema.block.ImpliedType() == Type::Object({{"access_key", S()},
                                                    {"secret_key", S()},
                                                    {"session_token", S()},
                                                    {"region", S()},
                                                    {"endpoint", S()},
                                                    {"max_retries", N()},
                                                    {"request_timeout", N()},
                                                    {"ca_file", S()}}));
  for (const auto& a : schema.block.attributes) {
    INFO(a.name);
    CHECK(a.optional);
    CHECK_FALSE(a.required);
    CHECK_FALSE(a.computed);
    CHECK_FALSE(a.nested);
    CHECK(a.sensitive == (a.name == "secret_key" || a.name == "session_token"));
    CHECK_FALSE(a.description.empty());
  }
}

TEST_CASE("the provider serves the schemas it was built with, once") {
  provider_test::FakeApi api;
  auto p = provider::CreateProvider(api.Factory());
  const provider::Schema* first = &p->ProviderSchema();
  CHECK(&p->ProviderSchema() == first);
  CHECK(p->ProviderSchema().block.ImpliedType() == provider::BuildProviderSchema().block.ImpliedType());
  REQUIRE(p->DataSourceSchemas().size() == 2);
  CHECK(p->DataSourceSchemas().begin()->first == "jdcloud_image");
  CHECK(p->DataSourceSchemas().at("jdcloud_image").block.ImpliedType() == SpecImageType());
  CHECK(p->DataSourceSchemas().count("jdcloud_images") == 1);
}

TEST_CASE("jdcloud_images: region, a required filter block, ids and images as SPEC lists them") {
  provider_test::FakeApi api;
  auto p = provider::CreateProvider(api.Factory());
  const provider::Schema& schema = p->DataSourceSchemas().at("jdcloud_images");
  // SPEC: images are exactly jdcloud_image's computed attributes plus image_id, region excepted.
  auto listed = SpecImageType().attributes();
  for (const char* argument : {"region", "most_recent", "filter"}) listed.erase(argument);
  auto filter = SpecImageFilter().attributes();
  filter.emplace("ids", Type::List(S()));
  CHECK(schema.block.ImpliedType() == Type::Object({{"region", S()},
                                                    {"ids", Type::List(S())},
                                                    {"images", Type::List(Type::Object(listed))},
                                                    {"filter", Type::Object(filter)}}));
  REQUIRE(schema.block.block_types.size() == 1);
  const provider::NestedBlock& block = schema.block.block_types[0];
  CHECK(block.type_name == "filter");
  CHECK(block.min_items == 1);
  CHECK(block.max_items == 1);
  for (const auto& a : block.block.attributes) {
    INFO(a.name);
    CHECK(a.optional);
    CHECK_FALSE(a.computed);
    CHECK_FALSE(a.required);
    CHECK_FALSE(a.description.empty());
  }
  for (const char* name : {"ids", "images"}) {
    const auto it = std::find_if(schema.block.attributes.begin(), schema.block.attributes.end(),
                                 [&](const provider::Attribute& a) { return a.name == name; });
    REQUIRE(it != schema.block.attributes.end());
    CHECK(it->computed);
    CHECK_FALSE(it->optional);
  }
}
