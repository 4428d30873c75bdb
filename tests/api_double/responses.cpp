#include "responses.h"

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "jdcloud/crypto.h"

namespace api_double {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string ToJson(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string JsonString(std::string_view s) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return std::string(buf.GetString(), buf.GetSize());
}

// A value of a different JSON type than `original`, e.g. 2048 -> "2048".
void FlipType(const rapidjson::Value* original, rapidjson::Value& out, rapidjson::Document::AllocatorType& a) {
  if (original && original->IsNumber()) {
    const std::string text = ToJson(*original);
    out.SetString(text.c_str(), static_cast<rapidjson::SizeType>(text.size()), a);
  } else if (original && original->IsString()) {
    out.SetInt(12345);
  } else if (original && original->IsBool()) {
    out.SetString(original->GetBool() ? "true" : "false", a);
  } else if (original && original->IsArray()) {
    out.SetObject();
  } else {
    out.SetString("not-an-object", a);
  }
}

// `json` (an object) with the member at `field` replaced as the fault says.
std::string WithWrongType(const Fault& fault, std::string_view json, const std::string& field) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) doc.SetObject();
  auto& a = doc.GetAllocator();
  const rapidjson::Pointer pointer(field.c_str());
  rapidjson::Value replacement;
  if (fault.value_json) {
    rapidjson::Document v(&a);
    v.Parse(fault.value_json->c_str());
    replacement.CopyFrom(v, a);
  } else {
    FlipType(pointer.Get(doc), replacement, a);
  }
  pointer.Set(doc, replacement);
  return ToJson(doc);
}

}  // namespace

std::string NewRequestId() {
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string id = jdcloud::RandomBytes(32);
  for (auto& c : id) c = kAlphabet[static_cast<unsigned char>(c) % 36];
  return id;
}

std::string DefaultErrorStatus(int http_status) {
  switch (http_status) {
    case 400: return "INVALID_ARGUMENT";
    case 401: return "ACCESS_ERROR";  // what the gateway really sends (reference §4.3)
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 409: return "ABORTED";
    case 429: return "RATE_LIMIT";
    case 499: return "CANCELLED";
    case 500: return "INTERNAL";
    case 501: return "NOT_IMPLEMENTED";
    case 502: return "SOURCE_UNAVAILABLE";
    case 503: return "UNAVAILABLE";
    case 504: return "DEADLINE_EXCEEDED";  // google.rpc's name for a gateway timeout, like the others
    default: return http_status < 500 ? "FAILED_PRECONDITION" : "UNKNOWN";
  }
}

std::string DefaultErrorMessage(int http_status, std::string_view error_status) {
  if (error_status == "QUOTA_EXCEEDED") return "quota exceeded, please apply for a higher quota";
  switch (http_status) {
    case 400: return "Invalid parameter";
    case 401: return "sign result is not same [gw]";
    case 403: return "no permission to access this resource";
    case 404: return "resource not found";
    case 429: return "request rate limit exceeded, please retry later[gw]";
    case 500: return "Unknown server error";
    case 502: return "bad gateway: the origin is unavailable[gw]";
    case 503: return "service unavailable, please retry later";
    case 504: return "gateway timeout[gw]";
    default: return "error " + std::to_string(http_status);
  }
}

std::string ErrorBody(std::string_view request_id, int code, std::string_view status, std::string_view message) {
  return "{\"requestId\":" + JsonString(request_id) + ",\"error\":{\"code\":" + std::to_string(code) +
         ",\"status\":" + JsonString(status) + ",\"message\":" + JsonString(message) + "}}";
}

std::string ResultBody(std::string_view request_id, std::string_view result_json) {
  return "{\"requestId\":" + JsonString(request_id) + ",\"result\":" + std::string(result_json) + "}";
}

std::string SuccessBody(std::string_view request_id, std::string_view image_json) {
  return ResultBody(request_id, "{\"image\":" + std::string(image_json) + "}");
}

std::string ListResult(const std::vector<std::string_view>& image_jsons, std::uint64_t total_count) {
  std::string out = "{\"images\":[";
  for (std::size_t i = 0; i < image_jsons.size(); ++i) {
    if (i > 0) out += ',';
    out += image_jsons[i];
  }
  return out + "],\"totalCount\":" + std::to_string(total_count) + "}";
}

namespace {

// `full_body` is the normal answer; `wrong_types` makes its wrong_types variant.
template <class WrongTypes>
std::string Malformed(const Fault& fault, std::string_view request_id, const std::string& full_body,
                      WrongTypes wrong_types) {
  switch (fault.body) {
    case MalformedBody::NotJson:
      return "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n";
    case MalformedBody::Truncated:
      return full_body.substr(0, full_body.size() / 2);
    case MalformedBody::WrongTypes:
      return wrong_types();
    case MalformedBody::MissingImage:
      return "{\"requestId\":" + JsonString(request_id) + ",\"result\":{}}";
    case MalformedBody::MissingResult:
      return "{\"requestId\":" + JsonString(request_id) + "}";
    case MalformedBody::Empty:
      return "";
  }
  return "";
}

}  // namespace

std::string MalformedBodyFor(const Fault& fault, std::string_view request_id, std::string_view image_json) {
  return Malformed(fault, request_id, SuccessBody(request_id, image_json), [&] {
    return SuccessBody(request_id, WithWrongType(fault, image_json, fault.field.value_or("/sizeMB")));
  });
}

std::string MalformedListBodyFor(const Fault& fault, std::string_view request_id, std::string_view result_json) {
  return Malformed(fault, request_id, ResultBody(request_id, result_json), [&] {
    return ResultBody(request_id, WithWrongType(fault, result_json, fault.field.value_or("/totalCount")));
  });
}

OversizeBody OversizeBodyParts(std::string_view request_id, std::string_view image_id) {
  return {"{\"requestId\":" + JsonString(request_id) + ",\"result\":{\"image\":{\"imageId\":" + JsonString(image_id) +
              ",\"desc\":\"",
          "\"}}}"};
}

OversizeBody OversizeListBodyParts(std::string_view request_id) {
  return {"{\"requestId\":" + JsonString(request_id) +
              ",\"result\":{\"totalCount\":1,\"images\":[{\"imageId\":\"img-oversize00001\",\"desc\":\"",
          "\"}]}}"};
}

}  // namespace api_double
