// Every generated registry page of the provider: docs/index.md from
// templates/index.md.tmpl, and docs/data-sources/<name>.md for each data
// source the provider serves (from templates/data-sources/<name>.md.tmpl, or
// the default page), named as terraform-plugin-docs names them (the data
// source's name without the `jdcloud_` prefix). A data source added to the
// provider gets its page here without any change to the generator.
#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <string>

#include "provider/provider.h"

namespace docgen {

// Page path relative to the source tree (docs/…) -> its text.
using Pages = std::map<std::filesystem::path, std::string>;

// The pages, or what stops one of them from being generated.
std::expected<Pages, std::string> GeneratePages(const provider::Provider& provider, const std::filesystem::path& source_dir);

}  // namespace docgen
