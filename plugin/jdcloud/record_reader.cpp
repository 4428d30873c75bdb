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

std::string MemberPath(const std::string& path, std::string_view member) {
  return path.empty() ? std::string(member) : path + "." + std::string(member);
}

// `path` is the object's; the member's own path is built only when needed
// (an error, or a nested record), not for every scalar of every answer.
std::string ReadField(const json::Node& node, const std::string& path, const FieldSpec& field, FieldValue& out) {
  switch (field.type) {
    case FieldType::kString:
      if (node.kind != Kind::String) return Problem(MemberPath(path, field.member), "string", node);
      out = node.text;
      return "";
    case FieldType::kNumber:
      if (node.kind != Kind::Number) return Problem(MemberPath(path, field.member), "number", node);
      out = NumberText{node.text};
      return "";
    case FieldType::kBool:
      if (node.kind != Kind::Bool) return Problem(MemberPath(path, field.member), "bool", node);
      out = node.boolean;
      return "";
    case FieldType::kObject: {
      RecordPtr record;
      std::string problem = ReadNested(node, MemberPath(path, field.member), *field.nested, record);
      out = std::move(record);
      return problem;
    }
    case FieldType::kObjectList:
    case FieldType::kTagMap: {
      RecordList list;
      std::string problem = ReadList(node, MemberPath(path, field.member), *field.nested, list);
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
    if (std::string problem = ReadField(*member, path, fields[i], value); !problem.empty()) return problem;
    out.set(i, std::move(value));
  }
  return "";
}

}  // namespace jdcloud
