// The registry docs must describe exactly the schema the provider serves:
// every attribute (nested ones too) with its type, and nothing else. The
// pages are generated (plugin/docgen) and `docs_generated_test` compares them
// byte for byte; this test is the independent oracle: it reads the pages as a
// user would and checks their names and types against the served schema.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "provider/provider.h"

namespace {

using NameAndType = std::pair<std::string, std::string>;

// The type words terraform-plugin-docs uses: "String", "List of Object", ...
std::string DocType(const cty::Type& t) {
  switch (t.kind()) {
    case cty::Kind::String: return "String";
    case cty::Kind::Number: return "Number";
    case cty::Kind::Bool: return "Boolean";
    case cty::Kind::Object: return "Object";
    case cty::Kind::List: return "List of " + DocType(t.element());
    case cty::Kind::Set: return "Set of " + DocType(t.element());
    case cty::Kind::Map: return "Map of " + DocType(t.element());
    default: return "Dynamic";
  }
}

// Object attributes inside a type, at any depth.
void CollectNested(const cty::Type& t, std::set<NameAndType>& out) {
  if (t.kind() == cty::Kind::List || t.kind() == cty::Kind::Set || t.kind() == cty::Kind::Map) {
    CollectNested(t.element(), out);
    return;
  }
  if (t.kind() != cty::Kind::Object) return;
  for (const auto& [name, type] : t.attributes()) {
    out.insert({name, DocType(type)});
    CollectNested(type, out);
  }
}

// Nested attributes are "Attributes" / "Attributes List" in tfplugindocs' words.
void CollectAttributes(const std::vector<provider::Attribute>& attributes, std::set<NameAndType>& out) {
  for (const auto& a : attributes) {
    if (!a.nested) {
      out.insert({a.name, DocType(a.type)});
      CollectNested(a.type, out);
      continue;
    }
    bool list = a.nested->nesting == provider::NestedAttributes::Nesting::List;
    out.insert({a.name, list ? "Attributes List" : "Attributes"});
    CollectAttributes(a.nested->attributes, out);
  }
}

void CollectBlock(const provider::Block& block, std::set<NameAndType>& out) {
  CollectAttributes(block.attributes, out);
  for (const auto& nested : block.block_types) {
    out.insert({nested.type_name, "Block"});
    CollectBlock(nested.block, out);
  }
}

std::set<NameAndType> SchemaAttributes(const provider::Schema& schema) {
  std::set<NameAndType> out;
  CollectBlock(schema.block, out);
  return out;
}

// Lines like "- `name` (Type) ..." or "- `name` (Type, Sensitive) ...".
std::set<NameAndType> DocumentedAttributes(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  static const std::regex kLine(R"(^- `([a-z0-9_]+)` \(([A-Za-z ]+?)(, Sensitive)?\))");
  std::set<NameAndType> out;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, kLine)) out.insert({m[1], m[2]});
  }
  return out;
}

std::string Describe(const std::set<NameAndType>& s) {
  std::ostringstream os;
  for (const auto& [n, t] : s) os << n << " (" << t << ") ";
  return os.str();
}

void CheckSame(const std::set<NameAndType>& schema, const std::set<NameAndType>& docs) {
  std::set<NameAndType> undocumented, stale;
  for (const auto& a : schema) {
    if (!docs.count(a)) undocumented.insert(a);
  }
  for (const auto& d : docs) {
    if (!schema.count(d)) stale.insert(d);
  }
  INFO("in the schema but not in the docs: " << Describe(undocumented));
  INFO("in the docs but not in the schema: " << Describe(stale));
  CHECK(undocumented.empty());
  CHECK(stale.empty());
}

}  // namespace

TEST_CASE("docs/data-sources/image.md lists exactly the jdcloud_image schema") {
  auto p = provider::Provider::Create();
  const auto& schema = p->DataSourceSchemas().at("jdcloud_image");
  auto documented = DocumentedAttributes(DOCS_DIR "/data-sources/image.md");
  REQUIRE(documented.size() > 20);
  CheckSame(SchemaAttributes(schema), documented);
}

TEST_CASE("docs/data-sources/images.md lists exactly the jdcloud_images schema") {
  auto p = provider::Provider::Create();
  const auto& schema = p->DataSourceSchemas().at("jdcloud_images");
  auto documented = DocumentedAttributes(DOCS_DIR "/data-sources/images.md");
  REQUIRE(documented.count({"filter", "Block"}) == 1);
  CheckSame(SchemaAttributes(schema), documented);
}

TEST_CASE("docs/index.md lists exactly the provider's arguments") {
  auto p = provider::Provider::Create();
  auto documented = DocumentedAttributes(DOCS_DIR "/index.md");
  CheckSame(SchemaAttributes(p->ProviderSchema()), documented);
}

TEST_CASE("sensitive provider arguments are marked Sensitive in the docs") {
  auto p = provider::Provider::Create();
  std::ifstream in(DOCS_DIR "/index.md");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& a : p->ProviderSchema().block.attributes) {
    bool marked = text.find("- `" + a.name + "` (String, Sensitive)") != std::string::npos;
    INFO(a.name);
    CHECK(marked == a.sensitive);
  }
}
