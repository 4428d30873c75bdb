// GetProviderSchema / GetSchema against SPEC.md, in both protocols, plus the
// checks Terraform itself applies when it loads a schema (reference §5.3).
#include <regex>

#include "cty/codec.h"
#include "image_mapping.h"
#include "test_support.h"

using namespace harness;

namespace {

// Terraform's InternalValidate rules for one attribute (recursively for v6
// nested attributes).
void CheckTerraformRules(const ServedAttribute& a, const std::string& where) {
  INFO(where << "." << a.name);
  static const std::regex kName("^[a-z0-9_]+$");
  CHECK(std::regex_match(a.name, kName));
  CHECK((a.required || a.optional || a.computed));
  if (a.required) {
    CHECK_FALSE(a.optional);
    CHECK_FALSE(a.computed);
  }
  // Exactly one of type and nested_type; the type bytes parse as cty type JSON.
  CHECK((a.type_json.empty() != (a.nested == nullptr)));
  if (!a.type_json.empty()) {
    INFO("type bytes: " << a.type_json);
    CHECK(a.type.has_value());
  }
  CHECK_FALSE(a.description.empty());
  if (a.nested) {
    CHECK(a.nested->nesting != ServedNestedObject::Nesting::Invalid);
    for (const auto& inner : a.nested->attributes) CheckTerraformRules(inner, where + "." + a.name);
  }
}

void CheckTerraformRules(const ServedBlock& block, const std::string& where) {
  INFO(where);
  REQUIRE(block.present);
  CHECK(block.version >= 0);
  for (const auto& a : block.attributes) CheckTerraformRules(a, where);
  // Nested blocks: SINGLE with min_items == max_items, 0 or 1 (Terraform's
  // InternalValidate refuses the schema otherwise), described, each attribute by the same rules.
  for (const auto& nested : block.block_types) {
    INFO("block " << nested.type_name);
    CHECK(nested.nesting == 1);
    CHECK(nested.min_items == nested.max_items);
    CHECK((nested.min_items == 0 || nested.min_items == 1));
    CHECK_FALSE(nested.block.description.empty());
    CHECK(block.Find(nested.type_name) == nullptr);  // a name is an attribute or a block, not both
    CheckTerraformRules(nested.block, where + "." + nested.type_name);
  }
}

void CheckFlags(const ServedAttribute& a, bool required, bool optional, bool computed) {
  INFO("attribute " << a.name);
  CHECK(a.required == required);
  CHECK(a.optional == optional);
  CHECK(a.computed == computed);
}

// Every nested attribute of a computed-only nested attribute is computed-only too.
void CheckAllComputed(const ServedAttribute& a) {
  CheckFlags(a, false, false, true);
  if (a.nested) {
    for (const auto& inner : a.nested->attributes) CheckAllComputed(inner);
  }
}

std::string TypeText(const std::optional<cty::Type>& t) { return t ? cty::TypeToJson(*t) : "(none)"; }

}  // namespace

TEST_CASE("the served schema is SPEC.md's, in both protocols", "[schema]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto p = Launch(versions);
  auto outcome = p.client->GetSchema();
  INFO(outcome.status.error_message());
  REQUIRE(outcome.ok());
  CHECK(outcome.diagnostics.empty());
  const auto& s = outcome.schemas;

  CheckTerraformRules(s.provider, "provider");
  CHECK(s.resource_count == 0);
  REQUIRE(s.data_sources.size() == 2);
  REQUIRE(s.data_sources.count("jdcloud_image") == 1);
  REQUIRE(s.data_sources.count("jdcloud_images") == 1);
  const auto& image = s.data_sources.at("jdcloud_image");
  CheckTerraformRules(image, "data.jdcloud_image");
  const auto& images = s.data_sources.at("jdcloud_images");
  CheckTerraformRules(images, "data.jdcloud_images");
  CHECK(s.get_provider_schema_optional);

  SECTION("provider arguments: all optional, secret_key and session_token sensitive, with SPEC's types") {
    const std::map<std::string, cty::Type> expected = {
        {"access_key", cty::Type::String()}, {"secret_key", cty::Type::String()},
        {"session_token", cty::Type::String()},
        {"region", cty::Type::String()},     {"endpoint", cty::Type::String()},
        {"max_retries", cty::Type::Number()}, {"request_timeout", cty::Type::Number()},
        {"ca_file", cty::Type::String()}};
    CHECK(s.provider.attributes.size() == expected.size());
    for (const auto& [name, type] : expected) {
      INFO(name);
      const auto* a = s.provider.Find(name);
      REQUIRE(a != nullptr);
      CheckFlags(*a, false, true, false);
      CHECK(a->sensitive == (name == "secret_key" || name == "session_token"));
      CHECK(TypeText(AttributeType(*a)) == cty::TypeToJson(type));
    }
  }

  SECTION("jdcloud_image: every SPEC attribute with its type and flags") {
    auto implied = ImpliedType(image);
    REQUIRE(implied.has_value());
    CHECK(cty::TypeToJson(*implied) == cty::TypeToJson(ImageStateType()));
    const cty::Type state_type = ImageStateType();  // named: the loop must not outlive it
    for (const auto& [name, type] : state_type.attributes()) {
      INFO(name);
      if (name == "filter") {  // a block, not an attribute (protocol 5 and Terraform 0.13 serve it)
        const auto* filter = image.FindBlock(name);
        REQUIRE(filter != nullptr);
        CHECK(filter->min_items == 0);
        CHECK(TypeText(ImpliedType(filter->block)) == cty::TypeToJson(type));
        continue;
      }
      const auto* a = image.Find(name);
      REQUIRE(a != nullptr);
      CHECK(TypeText(AttributeType(*a)) == cty::TypeToJson(type));
      CHECK_FALSE(a->sensitive);
      if (name == "image_id" || name == "region") {
        CheckFlags(*a, false, true, true);
      } else if (name == "most_recent") {
        CheckFlags(*a, false, true, false);
      } else {
        CheckAllComputed(*a);
      }
    }
  }

  SECTION("jdcloud_images: a required filter block; ids and images computed, images as jdcloud_image less region") {
    const auto* filter = images.FindBlock("filter");
    REQUIRE(filter != nullptr);
    CHECK(filter->min_items == 1);
    CHECK(filter->block.attributes.size() == 10);
    for (const auto& a : filter->block.attributes) CheckFlags(a, false, true, false);
    REQUIRE(images.Find("ids") != nullptr);
    CHECK(TypeText(AttributeType(*images.Find("ids"))) == R"(["list","string"])");
    CheckFlags(*images.Find("ids"), false, false, true);
    const auto* listed = images.Find("images");
    REQUIRE(listed != nullptr);
    CheckAllComputed(*listed);
    auto element_members = ImageStateType().attributes();
    for (const char* argument : {"region", "most_recent", "filter"}) element_members.erase(argument);
    CHECK(TypeText(AttributeType(*listed)) == cty::TypeToJson(cty::Type::List(cty::Type::Object(element_members))));
  }

  SECTION("nested values: nested attributes in protocol 6, object types in protocol 5") {
    const auto* system_disk = image.Find("system_disk");
    const auto* data_disks = image.Find("data_disks");
    REQUIRE(system_disk != nullptr);
    REQUIRE(data_disks != nullptr);
    if (p.protocol == 6) {
      REQUIRE(system_disk->nested != nullptr);
      CHECK(system_disk->nested->nesting == ServedNestedObject::Nesting::Single);
      REQUIRE(data_disks->nested != nullptr);
      CHECK(data_disks->nested->nesting == ServedNestedObject::Nesting::List);
    } else {
      CHECK(system_disk->nested == nullptr);
      CHECK(data_disks->nested == nullptr);
      CHECK(system_disk->type_json.rfind("[\"object\"", 0) == 0);
      CHECK(data_disks->type_json.rfind("[\"list\",[\"object\"", 0) == 0);
    }
  }

  SECTION("the schema is the same on every call") {
    auto again = p.client->GetSchema();
    REQUIRE(again.ok());
    CHECK(TypeText(ImpliedType(again.schemas.data_sources.at("jdcloud_image"))) ==
          TypeText(ImpliedType(image)));
    CHECK(TypeText(ImpliedType(again.schemas.provider)) == TypeText(ImpliedType(s.provider)));
  }

  SECTION("GetMetadata names the data sources and the schema capability") {
    std::vector<std::string> data_sources;
    bool schema_optional = false;
    auto status = p.client->GetMetadata(&data_sources, &schema_optional);
    INFO(status.error_message());
    REQUIRE(status.ok());
    CHECK(data_sources == std::vector<std::string>{"jdcloud_image", "jdcloud_images"});
    CHECK(schema_optional);
  }

  SECTION("GetFunctions answers with no functions") {
    size_t count = 99;
    auto status = p.client->GetFunctions(&count);
    INFO(status.error_message());
    CHECK(status.ok());
    CHECK(count == 0);
  }

  ShutdownCleanly(p);
}
