// jdcloud-docs: writes the registry pages (docs/index.md, docs/data-sources/)
// from the provider's own schema and the templates, or with --check says which
// committed page differs from what the schema generates, and where.
//
//   jdcloud-docs SOURCE_DIR            regenerate (the `docs` build target)
//   jdcloud-docs --check SOURCE_DIR    exit 1 when a page is stale (the docs test)
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "docgen/registry_docs.h"

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The first line where the committed page and the generated one part.
void ReportFirstDifference(const fs::path& page, const std::string& committed, const std::string& generated) {
  std::istringstream a(committed), b(generated);
  std::string line_a, line_b;
  for (int line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(a, line_a));
    bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) return;
    if (more_a && more_b && line_a == line_b) continue;
    std::cerr << page.string() << ":" << line << ": differs from what the schema generates\n"
              << "  committed: " << (more_a ? line_a : "(end of file)") << "\n"
              << "  generated: " << (more_b ? line_b : "(end of file)") << "\n";
    return;
  }
}

// Committed pages under docs/data-sources that no data source generates.
std::set<fs::path> StalePages(const fs::path& source_dir, const docgen::Pages& pages) {
  std::set<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(source_dir / "docs/data-sources")) {
    fs::path page = fs::path("docs/data-sources") / entry.path().filename();
    if (!pages.count(page)) stale.insert(page);
  }
  return stale;
}

int Check(const fs::path& source_dir, const docgen::Pages& pages) {
  int stale = 0;
  for (const auto& [page, text] : pages) {
    std::string committed = ReadFile(source_dir / page);
    if (committed == text) continue;
    ReportFirstDifference(page, committed, text);
    ++stale;
  }
  for (const fs::path& page : StalePages(source_dir, pages)) {
    std::cerr << page.string() << ": no data source of the provider generates this page\n";
    ++stale;
  }
  if (stale == 0) {
    std::cout << pages.size() << " pages match the schema\n";
    return 0;
  }
  std::cerr << stale << " page(s) are stale: regenerate them with `cmake --build build --target docs`\n";
  return 1;
}

int Write(const fs::path& source_dir, const docgen::Pages& pages) {
  for (const auto& [page, text] : pages) {
    fs::create_directories((source_dir / page).parent_path());
    std::ofstream out(source_dir / page, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      std::cerr << "cannot write " << page.string() << "\n";
      return 1;
    }
    std::cout << "wrote " << page.string() << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool check = argc == 3 && std::string_view(argv[1]) == "--check";
  if (argc != 2 && !check) {
    std::cerr << "usage: jdcloud-docs [--check] SOURCE_DIR\n";
    return 2;
  }
  fs::path source_dir = argv[argc - 1];
  auto provider = provider::Provider::Create();
  auto pages = docgen::GeneratePages(*provider, source_dir);
  if (!pages) {
    std::cerr << "jdcloud-docs: " << pages.error() << "\n";
    return 1;
  }
  return check ? Check(source_dir, *pages) : Write(source_dir, *pages);
}
