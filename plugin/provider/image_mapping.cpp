#include "provider/image_mapping.h"

#include <map>
#include <utility>
#include <variant>
#include <vector>

#include "provider/image_schema.h"

namespace provider {
namespace {

using cty::Type;
using cty::Value;
using jdcloud::FieldSpec;
using jdcloud::FieldType;
using jdcloud::FieldValue;
using jdcloud::RecordList;
using Mapped = std::expected<Value, std::string>;

std::string MemberPath(const std::string& path, std::string_view member) {
  return path.empty() ? std::string(member) : path + "." + std::string(member);
}

Mapped Number(const jdcloud::NumberText& number, const std::string& path) {
  auto n = cty::Number::Parse(number.text);
  if (!n) return std::unexpected("field " + path + ": the number " + number.text.substr(0, 64) +
                                 " is beyond the range of Terraform numbers");
  return Value::NumberVal(std::move(*n));
}

Mapped List(const RecordList& records, const Type& list_type, const std::string& path) {
  const Type& element_type = list_type.element();
  std::vector<Value> elements;
  elements.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!records[i]) {
      elements.push_back(Value::Null(element_type));
      continue;
    }
    auto element = MapRecord(*records[i], element_type, path + "[" + std::to_string(i) + "]");
    if (!element) return element;
    elements.push_back(std::move(*element));
  }
  return Value::List(element_type, std::move(elements));
}

// [{key, value}] -> map: a null element or key is skipped, a null value is a
// null element, and for a duplicate key the last one wins.
Value Tags(const RecordList& tags) {
  std::map<std::string, Value> entries;
  for (const auto& tag : tags) {
    const std::string* key = tag ? tag->GetString("key") : nullptr;
    if (!key) continue;
    const std::string* value = tag->GetString("value");
    entries.insert_or_assign(*key, value ? Value::String(*value) : Value::Null(Type::String()));
  }
  return Value::Map(Type::String(), std::move(entries));
}

Mapped Field(const FieldSpec& field, const FieldValue& value, const Type& type, const std::string& path) {
  if (std::holds_alternative<std::monostate>(value)) return Value::Null(type);
  switch (field.type) {
    case FieldType::kString: return Value::String(std::get<std::string>(value));
    case FieldType::kNumber: return Number(std::get<jdcloud::NumberText>(value), path);
    case FieldType::kBool: return Value::Bool(std::get<bool>(value));
    case FieldType::kObject: return MapRecord(*std::get<jdcloud::RecordPtr>(value), type, path);
    case FieldType::kObjectList: return List(std::get<RecordList>(value), type, path);
    case FieldType::kTagMap: return Tags(std::get<RecordList>(value));
  }
  return Value::Null(type);  // unreachable: every type is handled
}

// The record's attributes; `type` may have more (the caller adds them).
std::expected<std::map<std::string, Value>, std::string> MapFields(const jdcloud::Record& record, const Type& type,
                                                                    const std::string& path) {
  const auto& fields = record.spec().fields;
  std::map<std::string, Value> attributes;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string name(fields[i].attribute);
    const Type& attribute_type = type.attributes().at(name);
    // Only numbers can fail, and only they and nested values need the path.
    const bool needs_path = fields[i].type != FieldType::kString && fields[i].type != FieldType::kBool &&
                            !std::holds_alternative<std::monostate>(record.value(i));
    auto value = Field(fields[i], record.value(i), attribute_type,
                       needs_path ? MemberPath(path, fields[i].member) : std::string());
    if (!value) return std::unexpected(std::move(value.error()));
    attributes.emplace(std::move(name), std::move(*value));
  }
  return attributes;
}

}  // namespace

Mapped MapRecord(const jdcloud::Record& record, const Type& type, const std::string& path) {
  auto attributes = MapFields(record, type, path);
  if (!attributes) return std::unexpected(std::move(attributes.error()));
  return Value::Object(type, std::move(*attributes));
}

Mapped MapImage(const jdcloud::Record& image, const std::string& configured_image_id, const std::string& region) {
  const Type& type = ImageStateType();
  auto attributes = MapFields(image, type, "result.image");
  if (!attributes) return std::unexpected(std::move(attributes.error()));
  attributes->emplace("image_id", Value::String(configured_image_id));
  attributes->emplace("region", Value::String(region));
  // The search arguments as a lookup leaves them; a search read sets its own.
  attributes->emplace("most_recent", Value::Null(Type::Bool()));
  attributes->emplace("filter", Value::Null(type.attributes().at("filter")));
  return Value::Object(type, std::move(*attributes));
}

Mapped MapListedImage(const jdcloud::Record& image, const Type& element_type) {
  auto attributes = MapFields(image, element_type, "result.images[]");
  if (!attributes) return std::unexpected(std::move(attributes.error()));
  const std::string* id = image.GetString("id");
  attributes->emplace("image_id", id ? Value::String(*id) : Value::Null(Type::String()));
  return Value::Object(element_type, std::move(*attributes));
}

}  // namespace provider
