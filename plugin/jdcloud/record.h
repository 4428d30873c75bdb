// An API object read field by field through a declarative table (RecordSpec):
// the one description of a JD Cloud model's fields, from which the parser,
// the provider's schema and state mapping, and the docs are all derived, so a
// field is added in one line and its type cannot disagree between them.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jdcloud {

struct RecordSpec;

enum class FieldType {
  kString,
  kNumber,      // any JSON number, kept as its exact text
  kBool,
  kObject,      // one nested record (FieldSpec::nested)
  kObjectList,  // an array of nested records; a JSON null element stays a null element
  kTagMap,      // an array of {key, value} records that users see as a map
};

struct FieldSpec {
  std::string_view attribute;    // the snake_case name users write
  std::string_view member;       // the API's JSON member
  FieldType type;
  std::string_view description;  // Markdown, as the schema and the docs show it
  const RecordSpec* nested = nullptr;  // kObject, kObjectList, kTagMap
};

struct RecordSpec {
  std::string_view name;  // the API's model name, e.g. "InstanceDiskAttachment"
  std::span<const FieldSpec> fields;

  // The index of `attribute` in `fields`; asserts that it is there.
  std::size_t IndexOf(std::string_view attribute) const;
};

// A JSON number exactly as the API wrote it ("350.5", "4e1", "-0",
// "18446744073709551616"): never narrowed to a machine type here.
struct NumberText {
  std::string text;
  bool operator==(const NumberText&) const = default;
};

class Record;
using RecordPtr = std::shared_ptr<const Record>;
// nullptr elements are the API's JSON nulls, kept so indices keep their meaning.
using RecordList = std::vector<RecordPtr>;
// monostate: the API omitted the member or sent null. Otherwise the
// alternative the field's type names (kTagMap is a RecordList of tags).
using FieldValue = std::variant<std::monostate, std::string, NumberText, bool, RecordPtr, RecordList>;

class Record {
 public:
  explicit Record(const RecordSpec& spec) : spec_(&spec), values_(spec.fields.size()) {}

  const RecordSpec& spec() const { return *spec_; }
  // Parallel to spec().fields.
  const FieldValue& value(std::size_t index) const { return values_[index]; }
  void set(std::size_t index, FieldValue v) { values_[index] = std::move(v); }

  // By attribute name, for the few fields the provider judges (status, ...).
  const FieldValue& Get(std::string_view attribute) const { return values_[spec_->IndexOf(attribute)]; }
  const std::string* GetString(std::string_view attribute) const;
  std::optional<bool> GetBool(std::string_view attribute) const;

 private:
  const RecordSpec* spec_;
  std::vector<FieldValue> values_;
};

}  // namespace jdcloud
