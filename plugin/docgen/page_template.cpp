#include "docgen/page_template.h"

#include <fstream>
#include <sstream>

#include "docgen/schema_markdown.h"

namespace docgen {
namespace {

constexpr std::string_view kProviderName = "jdcloud";

std::expected<std::string, std::string> TerraformFile(const std::filesystem::path& source_dir, const std::filesystem::path& file) {
  std::ifstream in(source_dir / file);
  if (!in) return std::unexpected("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  std::string body = text.str();
  while (!body.empty() && body.back() == '\n') body.pop_back();
  return "```terraform\n" + body + "\n```";
}

std::expected<std::string, std::string> Description(const PageSubject& subject) {
  const std::string& text = subject.schema->block.description;
  if (text.empty() || text.find('\n') != std::string::npos)
    return std::unexpected(subject.name + ": the description must be one non-empty line");
  return text;
}

std::string_view Trimmed(std::string_view text) {
  auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// The value of one placeholder, e.g. `.Name` or `tffile "examples/x.tf"`.
std::expected<std::string, std::string> Expand(std::string_view placeholder, const PageSubject& subject,
                                   const std::filesystem::path& source_dir) {
  if (placeholder == ".Name") return subject.name;
  if (placeholder == ".Type") return subject.type;
  if (placeholder == ".ProviderName") return std::string(kProviderName);
  if (placeholder == ".Description") return Description(subject);
  if (placeholder == ".SchemaMarkdown") return SchemaMarkdown(subject.schema->block);
  if (placeholder == ".Example") return TerraformFile(source_dir, subject.example);
  constexpr std::string_view kFile = "tffile \"";
  if (placeholder.starts_with(kFile) && placeholder.ends_with('"') && placeholder.size() > kFile.size())
    return TerraformFile(source_dir, placeholder.substr(kFile.size(), placeholder.size() - kFile.size() - 1));
  return std::unexpected("unknown placeholder {{ " + std::string(placeholder) + " }}");
}

}  // namespace

std::expected<std::string, std::string> RenderPage(std::string_view page_template, const PageSubject& subject,
                                       const std::filesystem::path& source_dir) {
  std::string out;
  std::string_view rest = page_template;
  for (auto open = rest.find("{{"); open != std::string_view::npos; open = rest.find("{{")) {
    auto close = rest.find("}}", open);
    if (close == std::string_view::npos) return std::unexpected("a {{ without its }}");
    out.append(rest.substr(0, open));
    auto value = Expand(Trimmed(rest.substr(open + 2, close - open - 2)), subject, source_dir);
    if (!value) return value;
    out += *value;
    rest.remove_prefix(close + 2);
  }
  out.append(rest);
  return out;
}

std::string_view DefaultDataSourceTemplate() {
  return R"(---
page_title: "{{ .Name }} {{ .Type }} - {{ .ProviderName }}"
subcategory: ""
description: |-
  {{ .Description }}
---

# {{ .Name }} ({{ .Type }})

{{ .Description }}

## Example Usage

{{ .Example }}

{{ .SchemaMarkdown }}
)";
}

}  // namespace docgen
