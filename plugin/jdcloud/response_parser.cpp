#include "jdcloud/response_parser.h"

#include <charconv>
#include <optional>
#include <string>

#include "jdcloud/record_reader.h"
#include "jdcloud/retry_policy.h"
#include "json/tree.h"

namespace jdcloud {
namespace {

using Kind = json::Node::Kind;

// Far deeper than any answer of the API, shallow enough that a hostile body
// cannot make the tree's destruction exhaust the stack.
constexpr size_t kMaxBodyDepth = 256;

// Strings flow on into Terraform state, which requires valid UTF-8: a body
// that is not is malformed rather than silently repaired.
std::expected<json::Node, std::string> ParseBody(std::string_view body) {
  if (body.empty()) return std::unexpected(std::string("empty body"));
  return json::ParseTree(body, kMaxBodyDepth, json::InvalidUtf8::kReject);
}

// The body's requestId when it is a non-empty string, else the header's.
std::string RequestId(const json::Node* root, std::string_view header_request_id) {
  const json::Node* id = root ? root->Member("requestId") : nullptr;
  if (id && id->kind == Kind::String && !id->text.empty()) return id->text;
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

// A printable excerpt of a body that is not the documented error shape.
std::string Excerpt(std::string_view body) {
  constexpr std::size_t kMax = 120;
  std::string out;
  for (unsigned char c : body.substr(0, kMax)) out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : ' ');
  if (body.size() > kMax) out += "...";
  return out;
}

bool IsNullOrAbsent(const json::Node* node) { return node == nullptr || node->kind == Kind::Null; }

std::string Expected(const char* path, const char* what, const json::Node& got) {
  return std::string("field ") + path + ": expected " + what + ", got " + json::KindName(got.kind);
}

// The problem with the envelope around result.image, or "" with `image` set.
std::string FindImage(const json::Node& root, const json::Node*& image) {
  if (const json::Node* id = root.Member("requestId"); !IsNullOrAbsent(id) && id->kind != Kind::String)
    return Expected("requestId", "string", *id);
  const json::Node* result = root.Member("result");
  if (IsNullOrAbsent(result)) return "missing field result";
  if (result->kind != Kind::Object) return Expected("result", "object", *result);
  image = result->Member("image");
  if (IsNullOrAbsent(image)) return "missing field result.image";
  if (image->kind != Kind::Object) return Expected("result.image", "object", *image);
  return "";
}

// An error envelope on a 2xx: the API's error, not a parse failure.
std::optional<ApiError> ErrorOn2xx(const json::Node& root, std::string_view body, std::string_view header_request_id) {
  if (!IsNullOrAbsent(root.Member("result"))) return std::nullopt;
  const json::Node* error = root.Member("error");
  if (error == nullptr || error->kind != Kind::Object) return std::nullopt;
  const json::Node* code = error->Member("code");
  int status = 200;
  if (code && code->kind == Kind::Number) {
    int parsed = 0;
    const char* end = code->text.data() + code->text.size();
    if (auto [p, ec] = std::from_chars(code->text.data(), end, parsed); ec == std::errc() && p == end) status = parsed;
  }
  return ParseErrorResponse(status, body, header_request_id);
}

std::string WrongImage(const std::string& answered, std::string_view requested) {
  return "the API answered with image \"" + answered + "\" for a request for image \"" + std::string(requested) +
         "\"; the answer was discarded";
}

}  // namespace

std::expected<DescribeImageResult, ApiError> ParseDescribeImageResponse(std::string_view body,
                                                                         std::string_view header_request_id) {
  auto root = ParseBody(body);
  if (!root) return std::unexpected(Malformed(header_request_id, root.error(), 200));
  DescribeImageResult out;
  out.request_id = RequestId(&*root, header_request_id);
  if (root->kind != Kind::Object)
    return std::unexpected(Malformed(out.request_id, std::string("expected a JSON object, got ") + json::KindName(root->kind), 200));
  if (auto api_error = ErrorOn2xx(*root, body, header_request_id)) return std::unexpected(std::move(*api_error));

  const json::Node* image = nullptr;
  if (std::string problem = FindImage(*root, image); !problem.empty())
    return std::unexpected(Malformed(out.request_id, problem, 200));
  if (std::string problem = ReadRecord(*image, "result.image", out.image); !problem.empty())
    return std::unexpected(Malformed(out.request_id, problem, 200));
  return out;
}

std::expected<DescribeImageResult, ApiError> RequireRequestedImage(DescribeImageResult result,
                                                                    std::string_view requested_image_id) {
  const std::string* id = result.image.GetString("id");
  if (!id || *id == requested_image_id) return result;
  return std::unexpected(Malformed(result.request_id, WrongImage(*id, requested_image_id), 200));
}

ApiError ParseErrorResponse(int http_status, std::string_view body, std::string_view header_request_id) {
  ApiError e{};
  e.kind = ApiError::Kind::OtherHttpStatus;
  e.http_status = http_status;
  auto root = ParseBody(body);
  e.request_id = RequestId(root ? &*root : nullptr, header_request_id);

  const json::Node* error = root ? root->Member("error") : nullptr;
  if (error && error->kind != Kind::Object) error = nullptr;
  if (error) {
    if (const json::Node* status = error->Member("status"); status && status->kind == Kind::String)
      e.api_status = status->text;
    if (const json::Node* message = error->Member("message"); message && message->kind == Kind::String)
      e.message = message->text;
  }
  e.kind = KindForHttpStatus(http_status, e.api_status);
  if (e.message.empty()) {
    e.message = "HTTP " + std::to_string(http_status);
    if (!error && !body.empty()) e.message += " with an unexpected body: " + Excerpt(body);
  }
  return e;
}

}  // namespace jdcloud
