#include "jdcloud/response_parser.h"

#include <charconv>
#include <cmath>
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

ApiError Malformed(std::string_view request_id, const std::string& problem) {
  return MalformedAnswer("describeImage", request_id, problem);
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

// The problem with the envelope around the result, or "" with `result` set.
std::string FindResult(const json::Node& root, const json::Node*& result) {
  if (const json::Node* id = root.Member("requestId"); !IsNullOrAbsent(id) && id->kind != Kind::String)
    return Expected("requestId", "string", *id);
  result = root.Member("result");
  if (IsNullOrAbsent(result)) return "missing field result";
  if (result->kind != Kind::Object) return Expected("result", "object", *result);
  return "";
}

// The problem with the envelope around result.image, or "" with `image` set.
std::string FindImage(const json::Node& root, const json::Node*& image) {
  const json::Node* result = nullptr;
  if (std::string problem = FindResult(root, result); !problem.empty()) return problem;
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

// A 2xx body as a JSON object with its request id, or the error to return
// (malformed, or the API's error envelope on a 2xx).
struct Answer {
  json::Node root;
  std::string request_id;
};
std::expected<Answer, ApiError> ReadAnswer(std::string_view operation, std::string_view body,
                                           std::string_view header_request_id) {
  auto root = ParseBody(body);
  if (!root) return std::unexpected(MalformedAnswer(operation, header_request_id, root.error()));
  std::string request_id = RequestId(&*root, header_request_id);
  if (root->kind != Kind::Object)
    return std::unexpected(MalformedAnswer(operation, request_id,
                                           std::string("expected a JSON object, got ") + json::KindName(root->kind)));
  if (auto api_error = ErrorOn2xx(*root, body, header_request_id)) return std::unexpected(std::move(*api_error));
  return Answer{std::move(*root), std::move(request_id)};
}

// Whether `text` (a JSON number) is a whole number in [0, 2^53], however it
// is spelled: 230, 230.0 and 2.3e2 are the same count.
bool ReadCount(const std::string& text, std::int64_t& out) {
  const char* end = text.data() + text.size();
  if (auto [p, ec] = std::from_chars(text.data(), end, out); ec == std::errc() && p == end) return out >= 0;
  double value = 0;
  auto [p, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || p != end || value < 0 || value > 9007199254740992.0 || value != std::floor(value))
    return false;
  out = static_cast<std::int64_t>(value);
  return true;
}

std::string ReadTotalCount(const json::Node& result, std::int64_t& out) {
  const json::Node* total = result.Member("totalCount");
  if (IsNullOrAbsent(total)) return "missing field result.totalCount";
  if (total->kind != Kind::Number) return Expected("result.totalCount", "number", *total);
  if (!ReadCount(total->text, out))
    return "field result.totalCount: expected a non-negative whole number, got " + total->text;
  return "";
}

// Each element of result.images: null (listed, skipped) or an Image with an imageId.
std::string ReadImages(const json::Node& result, ImagesPage& page) {
  const json::Node* images = result.Member("images");
  if (IsNullOrAbsent(images)) return "";  // an empty page may omit the list
  if (images->kind != Kind::Array) return Expected("result.images", "array", *images);
  page.listed = images->items.size();
  for (std::size_t i = 0; i < images->items.size(); ++i) {
    const json::Node& element = images->items[i];
    if (element.kind == Kind::Null) continue;
    const std::string path = "result.images[" + std::to_string(i) + "]";
    if (element.kind != Kind::Object) return Expected(path.c_str(), "object", element);
    Image image{ImageSpec()};
    if (std::string problem = ReadRecord(element, path, image); !problem.empty()) return problem;
    if (image.GetString("id") == nullptr) return path + ": an image without imageId";
    page.images.push_back(std::move(image));
  }
  return "";
}

}  // namespace

ApiError MalformedAnswer(std::string_view operation, std::string_view request_id, const std::string& problem) {
  ApiError e{};
  e.kind = ApiError::Kind::MalformedBody;
  e.http_status = 200;
  e.request_id = std::string(request_id);
  e.message = "malformed " + std::string(operation) + " response (request id " +
              (request_id.empty() ? std::string("unknown") : std::string(request_id)) + "): " + problem;
  return e;
}

std::expected<DescribeImageResult, ApiError> ParseDescribeImageResponse(std::string_view body,
                                                                         std::string_view header_request_id) {
  auto answer = ReadAnswer("describeImage", body, header_request_id);
  if (!answer) return std::unexpected(std::move(answer.error()));
  DescribeImageResult out;
  out.request_id = std::move(answer->request_id);
  const json::Node* image = nullptr;
  if (std::string problem = FindImage(answer->root, image); !problem.empty())
    return std::unexpected(Malformed(out.request_id, problem));
  if (std::string problem = ReadRecord(*image, "result.image", out.image); !problem.empty())
    return std::unexpected(Malformed(out.request_id, problem));
  return out;
}

std::expected<ImagesPage, ApiError> ParseDescribeImagesResponse(std::string_view body,
                                                                std::string_view header_request_id) {
  constexpr std::string_view kOperation = "describeImages";
  auto answer = ReadAnswer(kOperation, body, header_request_id);
  if (!answer) return std::unexpected(std::move(answer.error()));
  ImagesPage page;
  page.request_id = std::move(answer->request_id);
  const json::Node* result = nullptr;
  std::string problem = FindResult(answer->root, result);
  if (problem.empty()) problem = ReadTotalCount(*result, page.total_count);
  if (problem.empty()) problem = ReadImages(*result, page);
  if (!problem.empty()) return std::unexpected(MalformedAnswer(kOperation, page.request_id, problem));
  return page;
}

std::expected<DescribeImageResult, ApiError> RequireRequestedImage(DescribeImageResult result,
                                                                    std::string_view requested_image_id) {
  const std::string* id = result.image.GetString("id");
  if (!id || *id == requested_image_id) return result;
  return std::unexpected(Malformed(result.request_id, WrongImage(*id, requested_image_id)));
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
