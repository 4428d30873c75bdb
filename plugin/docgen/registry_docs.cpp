#include "docgen/registry_docs.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "docgen/page_template.h"

namespace docgen {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNamePrefix = "jdcloud_";

std::optional<std::string> ReadTemplate(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::expected<void, std::string> AddPage(Pages& pages, const fs::path& page, std::string_view page_template, const PageSubject& subject,
                     const fs::path& source_dir) {
  auto text = RenderPage(page_template, subject, source_dir);
  if (!text) return std::unexpected(page.string() + ": " + text.error());
  pages[page] = *std::move(text);
  return {};
}

}  // namespace

std::expected<Pages, std::string> GeneratePages(const provider::Provider& provider, const fs::path& source_dir) {
  Pages pages;
  auto index = ReadTemplate(source_dir / "templates/index.md.tmpl");
  if (!index) return std::unexpected("cannot read templates/index.md.tmpl");
  PageSubject subject{"jdcloud", "Provider", &provider.ProviderSchema(), "examples/provider/provider.tf"};
  if (auto added = AddPage(pages, "docs/index.md", *index, subject, source_dir); !added)
    return std::unexpected(added.error());
  for (const auto& [name, schema] : provider.DataSourceSchemas()) {
    std::string short_name = name.starts_with(kNamePrefix) ? name.substr(kNamePrefix.size()) : name;
    auto own = ReadTemplate(source_dir / "templates/data-sources" / (short_name + ".md.tmpl"));
    PageSubject data_source{name, "Data Source", &schema,
                            fs::path("examples/data-sources") / name / "data-source.tf"};
    auto added = AddPage(pages, fs::path("docs/data-sources") / (short_name + ".md"),
                         own ? *own : DefaultDataSourceTemplate(), data_source, source_dir);
    if (!added) return std::unexpected(added.error());
  }
  return pages;
}

}  // namespace docgen
