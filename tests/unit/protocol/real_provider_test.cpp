// The real provider core's schemas, as both services serve them, checked
// against the rules Terraform enforces when it loads a schema (reference
// §5.3), plus one validation round trip through the real core.
#include <map>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "cty/codec.h"
#include "provider/provider.h"
#include "versions.h"

using namespace protocol_test;

namespace {

// Terraform's rule for attribute and block names: ^[a-z0-9_]+$.
bool IsValidName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

template <class Attribute>
void CheckFlags(const Attribute& a) {
  INFO("attribute " << a.name());
  CHECK(IsValidName(a.name()));
  CHECK((a.required() || a.optional() || a.computed()));  // "must set Optional, Required or Computed"
  if (a.required()) {
    CHECK_FALSE(a.optional());
    CHECK_FALSE(a.computed());
  }
}

// The cty type a v6 attribute's values have, from `type` or `nested_type`.
cty::Type V6AttributeType(const tfplugin6::Schema::Attribute& a) {
  if (!a.has_nested_type()) {
    auto type = cty::TypeFromJson(a.type());
    REQUIRE(type.has_value());
    return *type;
  }
  CHECK(a.type().empty());  // exactly one of type / nested_type
  std::map<std::string, cty::Type> attributes;
  for (const auto& inner : a.nested_type().attributes()) {
    CheckFlags(inner);
    attributes.emplace(inner.name(), V6AttributeType(inner));
  }
  const cty::Type object = cty::Type::Object(std::move(attributes));
  switch (a.nested_type().nesting()) {
    case tfplugin6::Schema::Object::SINGLE: return object;
    case tfplugin6::Schema::Object::LIST: return cty::Type::List(object);
    default: FAIL("unexpected nesting " << a.nested_type().nesting()); return object;
  }
}

}  // namespace

TEST_CASE("the real schema obeys Terraform's load rules and has one value shape in v5 and v6", "[real]") {
  std::shared_ptr<provider::Provider> core = provider::Provider::Create();
  auto v5_service = V5::New(core);
  auto v6_service = V6::New(core);
  const auto v5 = V5::GetSchema(V5::Cast(*v5_service));
  const auto v6 = V6::GetSchema(V6::Cast(*v6_service));

  REQUIRE(v6.provider().has_block());
  REQUIRE(v5.provider().has_block());
  CHECK(v6.diagnostics_size() == 0);
  CHECK(v5.diagnostics_size() == 0);
  REQUIRE(v6.data_source_schemas().contains("jdcloud_image"));
  REQUIRE(v6.data_source_schemas_size() == v5.data_source_schemas_size());

  std::map<std::string, std::pair<const tfplugin5::Schema*, const tfplugin6::Schema*>> schemas;
  schemas["provider"] = {&v5.provider(), &v6.provider()};
  for (const auto& [name, schema] : v6.data_source_schemas()) {
    CHECK(name.starts_with("jdcloud_"));
    REQUIRE(v5.data_source_schemas().contains(name));
    schemas[name] = {&v5.data_source_schemas().at(name), &schema};
  }

  for (const auto& [name, pair] : schemas) {
    INFO("schema " << name);
    const auto& [s5, s6] = pair;
    REQUIRE(s5->has_block());
    REQUIRE(s6->has_block());
    CHECK(s5->version() >= 0);
    CHECK(s5->version() == s6->version());
    REQUIRE(s5->block().attributes_size() == s6->block().attributes_size());
    for (int i = 0; i < s6->block().attributes_size(); ++i) {
      const auto& a5 = s5->block().attributes(i);
      const auto& a6 = s6->block().attributes(i);
      CheckFlags(a5);
      CheckFlags(a6);
      CHECK(a5.name() == a6.name());
      CHECK(a5.sensitive() == a6.sensitive());
      const auto t5 = cty::TypeFromJson(a5.type());
      REQUIRE(t5.has_value());
      CHECK(*t5 == V6AttributeType(a6));
    }
  }
}

TEST_CASE("a malformed image_id is an error on its path through the real core", "[real]") {
  std::shared_ptr<provider::Provider> core = provider::Provider::Create();
  const cty::Type type = core->DataSourceSchemas().at("jdcloud_image").block.ImpliedType();
  std::map<std::string, cty::Value> attributes;
  for (const auto& [name, attribute_type] : type.attributes()) attributes.emplace(name, cty::Value::Null(attribute_type));
  attributes["image_id"] = cty::Value::String("not-an-image");
  const std::string config = cty::EncodeMsgpack(cty::Value::Object(attributes), type);

  auto service = V6::New(core);
  const auto resp = V6::ValidateDataSourceConfig(V6::Cast(*service), "jdcloud_image", V6::Msgpack(config));
  REQUIRE(resp.diagnostics_size() == 1);
  CHECK(resp.diagnostics(0).severity() == tfplugin6::Diagnostic::ERROR);
  REQUIRE(resp.diagnostics(0).attribute().steps_size() == 1);
  CHECK(resp.diagnostics(0).attribute().steps(0).attribute_name() == "image_id");
}
