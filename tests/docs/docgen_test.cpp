// The generator's layout on a small schema written here, against text written
// by hand in tfplugindocs' layout, and its template placeholders.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "docgen/page_template.h"
#include "docgen/schema_markdown.h"
#include "provider/schema_builder.h"

namespace {

using cty::Type;
using provider::Attribute;
using Nesting = provider::NestedAttributes::Nesting;

provider::Schema SmallSchema() {
  provider::Schema schema;
  schema.block.description = "Finds a `thing`.";
  auto& a = schema.block.attributes;
  a.push_back(provider::ComputedAttribute("zone", Type::String(), "Zone."));
  a.push_back(provider::RequiredAttribute("name", Type::String(), "Name of the `thing`."));
  Attribute secret = provider::OptionalAttribute("secret", Type::String(), "A secret.");
  secret.sensitive = true;
  a.push_back(secret);
  std::vector<Attribute> inner = {provider::ComputedAttribute("size", Type::Number(), "Size."),
                                  provider::ComputedAttribute("tags", Type::Map(Type::String()), "Tags.")};
  std::vector<Attribute> outer = {provider::ComputedNestedAttribute("parts", Nesting::List, inner, "Parts."),
                                  provider::ComputedAttribute("ok", Type::Bool(), "OK.")};
  a.push_back(provider::ComputedNestedAttribute("disk", Nesting::Single, outer, "The disk."));
  provider::NestedBlock filter;
  filter.type_name = "filter";
  filter.block.description = "The search.";
  filter.block.attributes.push_back(provider::OptionalAttribute("ids", Type::List(Type::String()), "IDs."));
  schema.block.block_types.push_back(filter);
  return schema;
}

constexpr std::string_view kExpected = R"(## Schema

### Required

- `name` (String) Name of the `thing`.

### Optional

- `filter` (Block) The search. (see [below for nested schema](#nestedblock--filter))
- `secret` (String, Sensitive) A secret.

### Read-Only

- `disk` (Attributes) The disk. (see [below for nested schema](#nestedatt--disk))
- `zone` (String) Zone.

<a id="nestedblock--filter"></a>
### Nested Schema for `filter`

Optional:

- `ids` (List of String) IDs.

<a id="nestedatt--disk"></a>
### Nested Schema for `disk`

Read-Only:

- `ok` (Boolean) OK.
- `parts` (Attributes List) Parts. (see [below for nested schema](#nestedatt--disk--parts))

<a id="nestedatt--disk--parts"></a>
### Nested Schema for `disk.parts`

Read-Only:

- `size` (Number) Size.
- `tags` (Map of String) Tags.)";

struct TempTree {
  std::filesystem::path root = std::filesystem::temp_directory_path() / ("docgen_test_" + std::to_string(::getpid()));
  TempTree() {
    std::filesystem::create_directories(root / "examples");
    std::ofstream(root / "examples/x.tf") << "data \"x\" \"y\" {}\n\n";
  }
  ~TempTree() { std::filesystem::remove_all(root); }
};

}  // namespace

TEST_CASE("the schema section has tfplugindocs' groups, order and one anchored section per nested path") {
  CHECK(docgen::SchemaMarkdown(SmallSchema().block) == kExpected);
}

TEST_CASE("a page template's placeholders expand from the schema and the example") {
  TempTree tree;
  provider::Schema schema = SmallSchema();
  docgen::PageSubject subject{"jdcloud_thing", "Data Source", &schema, "examples/x.tf"};
  auto page = docgen::RenderPage("# {{ .Name }} ({{.Type}}) of {{ .ProviderName }}\n{{ .Description }}\n{{ .Example }}\n"
                                 "{{ tffile \"examples/x.tf\" }}",
                                 subject, tree.root);
  REQUIRE(page.has_value());
  CHECK(*page ==
        "# jdcloud_thing (Data Source) of jdcloud\nFinds a `thing`.\n```terraform\ndata \"x\" \"y\" {}\n```\n"
        "```terraform\ndata \"x\" \"y\" {}\n```");
  auto with_schema = docgen::RenderPage("{{ .SchemaMarkdown }}", subject, tree.root);
  REQUIRE(with_schema.has_value());
  CHECK(*with_schema == kExpected);
}

TEST_CASE("a template with a typo or a missing file is an error, not a page") {
  TempTree tree;
  provider::Schema schema = SmallSchema();
  docgen::PageSubject subject{"jdcloud_thing", "Data Source", &schema, "examples/missing.tf"};
  auto typo = docgen::RenderPage("{{ .Nmae }}", subject, tree.root);
  REQUIRE_FALSE(typo.has_value());
  CHECK(typo.error() == "unknown placeholder {{ .Nmae }}");
  auto missing = docgen::RenderPage("{{ .Example }}", subject, tree.root);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error() == "cannot read examples/missing.tf");
  CHECK_FALSE(docgen::RenderPage("{{ .Name ", subject, tree.root).has_value());
  schema.block.description = "two\nlines";
  CHECK_FALSE(docgen::RenderPage("{{ .Description }}", subject, tree.root).has_value());
}
