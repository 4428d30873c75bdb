// A registry page from a Markdown template with the placeholders of
// terraform-plugin-docs templates that this provider's pages use:
//   {{ .Name }}            jdcloud_image (or the provider's name on index.md)
//   {{ .Type }}            "Data Source" or "Provider"
//   {{ .ProviderName }}    jdcloud
//   {{ .Description }}     the schema's description (one line, Markdown)
//   {{ .Example }}         the page's example file, fenced as ```terraform
//   {{ .SchemaMarkdown }}  the schema section (schema_markdown.h)
//   {{ tffile "path" }}    any file under the source tree, fenced as ```terraform
// An unknown placeholder or a missing file is an error: a typo must not publish.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "provider/schema.h"

namespace docgen {

struct PageSubject {
  std::string name;
  std::string type;
  const provider::Schema* schema = nullptr;
  std::filesystem::path example;  // relative to the source tree
};

// The page, or what is wrong with the template.
std::expected<std::string, std::string> RenderPage(std::string_view page_template, const PageSubject& subject,
                                       const std::filesystem::path& source_dir);

// The page of a data source that has no template of its own.
std::string_view DefaultDataSourceTemplate();

}  // namespace docgen
