#include "docgen/schema_markdown.h"

#include <algorithm>
#include <array>
#include <deque>
#include <string_view>
#include <vector>


namespace docgen {
namespace {

using provider::Attribute;
using provider::Block;
using provider::NestedAttributes;
using provider::NestedBlock;

enum class Group { kRequired, kOptional, kReadOnly };

constexpr std::array<std::pair<Group, std::string_view>, 3> kGroups = {
    {{Group::kRequired, "Required"}, {Group::kOptional, "Optional"}, {Group::kReadOnly, "Read-Only"}}};

// What a nested section lists: the attributes, and for a block its blocks.
struct Children {
  const std::vector<Attribute>* attributes = nullptr;
  const std::vector<NestedBlock>* blocks = nullptr;
};

// One bullet of a section: an attribute or a nested block.
struct Entry {
  std::string name;
  Group group = Group::kReadOnly;
  std::string type_words;  // "String", "Attributes List", "Block", ...
  bool sensitive = false;
  std::string description;
  std::string_view anchor_kind;  // "nestedatt" or "nestedblock"; empty when not nested
  Children children;
};

// A nested section waiting to be written.
struct PendingSection {
  std::string path;    // "system_disk.cloud_disk"
  std::string anchor;  // "nestedatt--system_disk--cloud_disk"
  Children children;
};

std::string TypeWords(const cty::Type& t) {
  switch (t.kind()) {
    case cty::Kind::String: return "String";
    case cty::Kind::Number: return "Number";
    case cty::Kind::Bool: return "Boolean";
    case cty::Kind::Object: return "Object";
    case cty::Kind::List: return "List of " + TypeWords(t.element());
    case cty::Kind::Set: return "Set of " + TypeWords(t.element());
    case cty::Kind::Map: return "Map of " + TypeWords(t.element());
    default: return "Dynamic";
  }
}

Group GroupOf(const Attribute& a) {
  if (a.required) return Group::kRequired;
  if (a.optional) return Group::kOptional;
  return Group::kReadOnly;
}

Entry EntryOf(const Attribute& a) {
  Entry e{a.name, GroupOf(a), TypeWords(a.type), a.sensitive, a.description, {}, {}};
  if (a.nested) {
    e.type_words = a.nested->nesting == NestedAttributes::Nesting::List ? "Attributes List" : "Attributes";
    e.anchor_kind = "nestedatt";
    e.children.attributes = &a.nested->attributes;
  }
  return e;
}

Entry EntryOf(const NestedBlock& b) {
  Group group = b.min_items > 0 ? Group::kRequired : Group::kOptional;
  return Entry{b.type_name, group, "Block", false, b.block.description, "nestedblock",
               Children{&b.block.attributes, &b.block.block_types}};
}

std::vector<Entry> EntriesOf(const Children& children) {
  std::vector<Entry> entries;
  if (children.attributes) {
    for (const Attribute& a : *children.attributes) entries.push_back(EntryOf(a));
  }
  if (children.blocks) {
    for (const NestedBlock& b : *children.blocks) entries.push_back(EntryOf(b));
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) { return x.name < y.name; });
  return entries;
}

// "- `name` (String, Sensitive) Description. (see [below for nested schema](#anchor))"
std::string Bullet(const Entry& e, std::string_view anchor) {
  std::string line = "- `" + e.name + "` (" + e.type_words + (e.sensitive ? ", Sensitive" : "") + ")";
  if (!e.description.empty()) line += " " + e.description;
  if (!anchor.empty()) line += " (see [below for nested schema](#" + std::string(anchor) + "))";
  return line + "\n";
}

// Writes the groups of one section; queues the nested sections it links to.
// The top-level section has "### Group" headings, nested ones "Group:" lines.
void WriteGroups(const Children& children, const PendingSection* parent, std::deque<PendingSection>& queue,
                 std::string& out) {
  std::vector<Entry> entries = EntriesOf(children);
  for (const auto& [group, title] : kGroups) {
    bool any = std::any_of(entries.begin(), entries.end(), [&](const Entry& e) { return e.group == group; });
    if (!any) continue;
    out += parent ? std::string(title) + ":\n\n" : "### " + std::string(title) + "\n\n";
    for (const Entry& e : entries) {
      if (e.group != group) continue;
      std::string anchor;
      if (!e.anchor_kind.empty()) {
        std::string path = parent ? parent->path + "." + e.name : e.name;
        anchor = (parent ? parent->anchor : std::string(e.anchor_kind)) + "--" + e.name;
        queue.push_back(PendingSection{path, anchor, e.children});
      }
      out += Bullet(e, anchor);
    }
    out += "\n";
  }
}

}  // namespace

std::string SchemaMarkdown(const Block& block) {
  std::string out = "## Schema\n\n";
  std::deque<PendingSection> queue;
  WriteGroups(Children{&block.attributes, &block.block_types}, nullptr, queue, out);
  while (!queue.empty()) {
    PendingSection section = std::move(queue.front());
    queue.pop_front();
    out += "<a id=\"" + section.anchor + "\"></a>\n### Nested Schema for `" + section.path + "`\n\n";
    WriteGroups(section.children, &section, queue, out);
  }
  while (out.ends_with('\n')) out.pop_back();  // the template places it, as tfplugindocs' `trimspace` does
  return out;
}

}  // namespace docgen
