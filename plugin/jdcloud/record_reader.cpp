#include "jdcloud/record_reader.h"

#include <memory>
#include <utility>

namespace jdcloud {
namespace {

using Kind = json::Node::Kind;

std::string Problem(const std::string& path, const char* expected, const json::Node& got) {
  return "field " + path + ": expected " + expected + ", got " + json::KindName(got.kind);
}

// A nested object, or the problem that kept it from being read.
std::string ReadNested(const json::Node& node, const std::string& path, const RecordSpec& spec, RecordPtr& out) {
  if (node.kind != Kind::Object) return Problem(path, "object", node);
  auto record = std::make_shared<Record>(spec);
  std::string problem = ReadRecord(node, path, *record);
  out = std::move(record);
  return problem;
}

// An array of objects; a null element stays a null element.
std::string ReadList(const json::Node& node, const std::string& path, const RecordSpec& spec, RecordList& out) {
  if (node.kind != Kind::Array) return Problem(path, "array", node);
  out.reserve(node.items.size());
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const json::Node& element = node.items[i];
    RecordPtr record;
    if (element.kind != Kind::Null) {
      std::string problem = ReadNested(element, path + "[" + std::to_string(i) + "]", spec, record);
      if (!problem.empty()) return problem;
    }
    out.push_back(std::move(record));
  }
  return "";
}

std::string ReadField(const json::Node& node, const std::string& path, const FieldSpec& field, FieldValue& out) {
  switch (field.type) {
    case FieldType::kString:
      if (node.kind != Kind::String) return Problem(path, "string", node);
      out = node.text;
      return "";
    case FieldType::kNumber:
      if (node.kind != Kind::Number) return Problem(path, "number", node);
      out = NumberText{node.text};
      return "";
    case FieldType::kBool:
      if (node.kind != Kind::Bool) return Problem(path, "bool", node);
      out = node.boolean;
      return "";
    case FieldType::kObject: {
      RecordPtr record;
      std::string problem = ReadNested(node, path, *field.nested, record);
      out = std::move(record);
      return problem;
    }
    case FieldType::kObjectList:
    case FieldType::kTagMap: {
      RecordList list;
      std::string problem = ReadList(node, path, *field.nested, list);
      out = std::move(list);
      return problem;
    }
  }
  return "";
}

}  // namespace

std::string ReadRecord(const json::Node& object, const std::string& path, Record& out) {
  const auto& fields = out.spec().fields;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const json::Node* member = object.Member(fields[i].member);
    if (member == nullptr || member->kind == Kind::Null) continue;
    FieldValue value;
    const std::string member_path = path.empty() ? std::string(fields[i].member) : path + "." + std::string(fields[i].member);
    if (std::string problem = ReadField(*member, member_path, fields[i], value); !problem.empty()) return problem;
    out.set(i, std::move(value));
  }
  return "";
}

}  // namespace jdcloud
