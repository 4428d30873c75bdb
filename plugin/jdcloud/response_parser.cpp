#include "jdcloud/response_parser.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <functional>
#include <optional>
#include <string>

#include "jdcloud/retry_policy.h"

namespace jdcloud {
namespace {

// Iterative: a deeply nested hostile body cannot exhaust the stack.
// Validated UTF-8: strings flow on into Terraform state, which requires it.
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

const char* TypeName(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "boolean";
    case rapidjson::kObjectType: return "object";
    case rapidjson::kArrayType: return "array";
    case rapidjson::kStringType: return "string";
    case rapidjson::kNumberType: return v.IsInt64() ? "integer" : "number";
  }
  return "value";
}

// Reads the members of one JSON object into optionals, remembering the first
// problem (with the dotted path of the field) and ignoring the rest.
class ObjectReader {
 public:
  ObjectReader(const rapidjson::Value& object, std::string path, std::string& error)
      : object_(object), path_(std::move(path)), error_(error) {}

  void String(const char* name, std::optional<std::string>& out) {
    const auto* v = Member(name);
    if (!v) return;
    if (!v->IsString()) return Fail(name, "string", *v);
    out.emplace(v->GetString(), v->GetStringLength());
  }

  void Int(const char* name, std::optional<int64_t>& out) {
    const auto* v = Member(name);
    if (!v) return;
    if (!v->IsInt64()) return Fail(name, "integer", *v);
    out = v->GetInt64();
  }

  void Bool(const char* name, std::optional<bool>& out) {
    const auto* v = Member(name);
    if (!v) return;
    if (!v->IsBool()) return Fail(name, "boolean", *v);
    out = v->GetBool();
  }

  template <class T>
  void Object(const char* name, std::optional<T>& out, void (*parse)(ObjectReader&, T&)) {
    const auto* v = Member(name);
    if (!v) return;
    if (!v->IsObject()) return Fail(name, "object", *v);
    ObjectReader child(*v, FieldPath(name), error_);
    parse(child, out.emplace());
  }

  // Null elements are skipped: they carry nothing to expose.
  template <class T>
  void Array(const char* name, std::optional<std::vector<T>>& out, void (*parse)(ObjectReader&, T&)) {
    const auto* v = Member(name);
    if (!v) return;
    if (!v->IsArray()) return Fail(name, "array", *v);
    auto& items = out.emplace();
    const std::string base = FieldPath(name);
    for (rapidjson::SizeType i = 0; i < v->Size() && error_.empty(); ++i) {
      const auto& element = (*v)[i];
      const std::string element_path = base + "[" + std::to_string(i) + "]";
      if (element.IsNull()) continue;
      if (!element.IsObject()) {
        error_ = "field " + element_path + ": expected object, got " + TypeName(element);
        return;
      }
      ObjectReader child(element, element_path, error_);
      parse(child, items.emplace_back());
    }
  }

 private:
  // nullptr when absent or null (both mean "not set"), or after an error.
  const rapidjson::Value* Member(const char* name) const {
    if (!error_.empty()) return nullptr;
    const auto it = object_.FindMember(name);
    if (it == object_.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
  }

  std::string FieldPath(const char* name) const { return path_.empty() ? name : path_ + "." + name; }

  void Fail(const char* name, const char* expected, const rapidjson::Value& got) {
    error_ = "field " + FieldPath(name) + ": expected " + expected + ", got " + TypeName(got);
  }

  const rapidjson::Value& object_;
  std::string path_;
  std::string& error_;
};

void ParseTag(ObjectReader& r, Tag& t) {
  r.String("key", t.key);
  r.String("value", t.value);
}

void ParseCharge(ObjectReader& r, Charge& c) {
  r.String("chargeMode", c.charge_mode);
  r.String("chargeStatus", c.charge_status);
  r.String("chargeStartTime", c.charge_start_time);
  r.String("chargeExpiredTime", c.charge_expired_time);
  r.String("chargeRetireTime", c.charge_retire_time);
}

void ParseDiskAttachment(ObjectReader& r, DiskAttachment& a) {
  r.String("attachTime", a.attach_time);
  r.String("attachmentId", a.attachment_id);
  r.String("diskId", a.disk_id);
  r.String("instanceId", a.instance_id);
  r.String("instanceType", a.instance_type);
  r.String("status", a.status);
}

void ParseCloudDisk(ObjectReader& r, CloudDisk& d) {
  r.String("diskId", d.disk_id);
  r.String("az", d.az);
  r.String("name", d.name);
  r.String("description", d.description);
  r.String("diskType", d.disk_type);
  r.String("status", d.status);
  r.String("createTime", d.create_time);
  r.String("snapshotId", d.snapshot_id);
  r.Int("diskSizeGB", d.disk_size_gb);
  r.Int("iops", d.iops);
  r.Int("throughput", d.throughput);
  r.Bool("multiAttachable", d.multi_attachable);
  r.Bool("encrypted", d.encrypted);
  r.Array("attachments", d.attachments, ParseDiskAttachment);
  r.Object("charge", d.charge, ParseCharge);
  r.Array("tags", d.tags, ParseTag);
}

void ParseLocalDisk(ObjectReader& r, LocalDisk& d) {
  r.Int("diskSizeGB", d.disk_size_gb);
  r.String("diskType", d.disk_type);
}

void ParseInstanceDiskAttachment(ObjectReader& r, InstanceDiskAttachment& a) {
  r.Bool("autoDelete", a.auto_delete);
  r.String("deviceName", a.device_name);
  r.String("diskCategory", a.disk_category);
  r.String("status", a.status);
  r.Object("cloudDisk", a.cloud_disk, ParseCloudDisk);
  r.Object("localDisk", a.local_disk, ParseLocalDisk);
}

void ParseImage(ObjectReader& r, Image& i) {
  r.String("imageId", i.image_id);
  r.String("name", i.name);
  r.String("desc", i.desc);
  r.String("architecture", i.architecture);
  r.String("osType", i.os_type);
  r.String("osVersion", i.os_version);
  r.String("platform", i.platform);
  r.String("imageSource", i.image_source);
  r.String("rootDeviceType", i.root_device_type);
  r.String("status", i.status);
  r.String("progress", i.progress);
  r.String("snapshotId", i.snapshot_id);
  r.String("createTime", i.create_time);
  r.String("launchPermission", i.launch_permission);
  r.String("expiredTime", i.expired_time);
  r.String("bootMode", i.boot_mode);
  r.String("ownerPin", i.owner_pin);
  r.String("instanceId", i.instance_id);
  r.Int("sizeMB", i.size_mb);
  r.Int("systemDiskSizeGB", i.system_disk_size_gb);
  r.Bool("offline", i.offline);
  r.Bool("imported", i.imported);
  r.Object("systemDisk", i.system_disk, ParseInstanceDiskAttachment);
  r.Array("dataDisks", i.data_disks, ParseInstanceDiskAttachment);
}

// The body's requestId when it is a non-empty string, else the header's.
std::string RequestId(const rapidjson::Value* root, std::string_view header_request_id) {
  if (root && root->IsObject()) {
    const auto it = root->FindMember("requestId");
    if (it != root->MemberEnd() && it->value.IsString() && it->value.GetStringLength() > 0)
      return {it->value.GetString(), it->value.GetStringLength()};
  }
  return std::string(header_request_id);
}

ApiError Malformed(std::string_view request_id, const std::string& problem, int http_status) {
  ApiError e{};
  e.kind = ApiError::Kind::MalformedBody;
  e.http_status = http_status;
  e.request_id = std::string(request_id);
  e.message = "malformed describeImage response (request id " +
              (request_id.empty() ? std::string("unknown") : std::string(request_id)) + "): " + problem;
  return e;
}

std::string ParseProblem(const rapidjson::Document& doc, std::string_view body) {
  if (body.empty()) return "empty body";
  return std::string("not valid JSON at offset ") + std::to_string(doc.GetErrorOffset()) + ": " +
         rapidjson::GetParseError_En(doc.GetParseError());
}

// A printable excerpt of a body that is not the documented error shape.
std::string Excerpt(std::string_view body) {
  constexpr std::size_t kMax = 120;
  std::string out;
  for (unsigned char c : body.substr(0, kMax)) out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : ' ');
  if (body.size() > kMax) out += "...";
  return out;
}

}  // namespace

std::expected<DescribeImageResult, ApiError> ParseDescribeImageResponse(std::string_view body,
                                                                         std::string_view header_request_id) {
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError()) return std::unexpected(Malformed(header_request_id, ParseProblem(doc, body), 200));
  DescribeImageResult out;
  out.request_id = RequestId(&doc, header_request_id);
  if (!doc.IsObject()) return std::unexpected(Malformed(out.request_id, "expected a JSON object, got " + std::string(TypeName(doc)), 200));

  std::string problem;
  std::optional<std::string> body_request_id;
  ObjectReader(doc, "", problem).String("requestId", body_request_id);
  if (!problem.empty()) return std::unexpected(Malformed(out.request_id, problem, 200));

  const auto result = doc.FindMember("result");
  if (result == doc.MemberEnd() || result->value.IsNull()) {
    const auto error = doc.FindMember("error");
    if (error != doc.MemberEnd() && error->value.IsObject()) {
      // An error envelope on a 2xx: report the API's error, not a parse failure.
      const auto code = error->value.FindMember("code");
      const int status = code != error->value.MemberEnd() && code->value.IsInt() ? code->value.GetInt() : 200;
      return std::unexpected(ParseErrorResponse(status, body, header_request_id));
    }
    return std::unexpected(Malformed(out.request_id, "missing field result", 200));
  }
  if (!result->value.IsObject())
    return std::unexpected(Malformed(out.request_id, std::string("field result: expected object, got ") + TypeName(result->value), 200));
  const auto image = result->value.FindMember("image");
  if (image == result->value.MemberEnd() || image->value.IsNull())
    return std::unexpected(Malformed(out.request_id, "missing field result.image", 200));
  if (!image->value.IsObject())
    return std::unexpected(Malformed(out.request_id, std::string("field result.image: expected object, got ") + TypeName(image->value), 200));

  ObjectReader reader(image->value, "result.image", problem);
  ParseImage(reader, out.image);
  if (!problem.empty()) return std::unexpected(Malformed(out.request_id, problem, 200));
  return out;
}

ApiError ParseErrorResponse(int http_status, std::string_view body, std::string_view header_request_id) {
  ApiError e{};
  e.kind = ApiError::Kind::OtherHttpStatus;
  e.http_status = http_status;
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  const bool json = !doc.HasParseError();
  e.request_id = RequestId(json ? &doc : nullptr, header_request_id);

  const rapidjson::Value* error = nullptr;
  if (json && doc.IsObject()) {
    const auto it = doc.FindMember("error");
    if (it != doc.MemberEnd() && it->value.IsObject()) error = &it->value;
  }
  if (error) {
    const auto status = error->FindMember("status");
    if (status != error->MemberEnd() && status->value.IsString())
      e.api_status.assign(status->value.GetString(), status->value.GetStringLength());
    const auto message = error->FindMember("message");
    if (message != error->MemberEnd() && message->value.IsString())
      e.message.assign(message->value.GetString(), message->value.GetStringLength());
  }
  e.kind = KindForHttpStatus(http_status, e.api_status);
  if (e.message.empty()) {
    e.message = "HTTP " + std::to_string(http_status);
    if (!error && !body.empty()) e.message += " with an unexpected body: " + Excerpt(body);
  }
  return e;
}

}  // namespace jdcloud
