// The API double's fault model: what a test can ask the double to do instead
// of (or before) answering normally, e.g. "answer 503 twice, then normally".
// Faults arrive as JSON (POST /__double/faults); see README.md for the format.
#pragma once

#include <cstddef>
#include <expected>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace api_double {

enum class FaultKind {
  Status,     // answer an HTTP error status with JD's error body
  Delay,      // wait delay_ms, then answer normally
  Malformed,  // 200 with a broken body
  Oversize,   // 200 with a body bigger than the client's cap
  Drop,       // close the connection without (or part way through) answering
  Trickle,    // the body (or the whole head) a few bytes at a time (slow loris)
  Interim,    // an interim 1xx response (103 Early Hints by default), then the answer
  Redirect,   // a 3xx with a Location, as a misconfigured gateway answers
  CloseAfterResponse,  // answer normally, then close the kept connection at once
  // describeImages only, pages 2 and later (a page-1 request passes them by):
  TotalCountMismatch,  // totalCount differs from page 1's by total_count_delta
  RepeatPage,          // the images of page 1 again
};

// The API a fault applies to.
enum class Route {
  Any,             // "*": both
  DescribeImage,   // GET /v1/regions/{regionId}/images/{imageId}
  DescribeImages,  // GET /v1/regions/{regionId}/images
};

enum class TricklePart {
  Body,  // headers at once, then the body
  Head,  // the status line and headers themselves, then the body
};

enum class MalformedBody {
  NotJson,        // an HTML error page
  Truncated,      // valid JSON cut in half (Content-Length matches what is sent)
  WrongTypes,     // one field of the image replaced by a value of the wrong type
  MissingImage,   // {"requestId":..., "result": {}}
  MissingResult,  // {"requestId":...}
  Empty,          // zero-length body
};

enum class DropPoint {
  BeforeResponse,  // the connection closes with no response byte sent
  MidBody,         // headers and half the declared body, then the connection closes
};

struct Fault {
  std::string image_id = "*";  // "*" matches every image; an id only its describeImage
  Route route = Route::Any;
  FaultKind kind = FaultKind::Status;
  std::optional<int> times;  // uses left; nullopt = always
  int delay_ms = 0;          // waited before answering, for every kind

  // Status (400..599), Interim (100..199, default 103), Redirect (300..399, default 301)
  int status = 0;
  std::string error_status;        // JD's error.status; empty = the default for `status`
  std::string message;             // error.message; empty = a default
  std::optional<int> retry_after;  // Retry-After seconds (429 RATE_LIMIT defaults to 1)

  // Malformed
  MalformedBody body = MalformedBody::NotJson;
  // WrongTypes: a JSON pointer into describeImage's Image (default /sizeMB) or
  // into describeImages' result (default /totalCount).
  std::optional<std::string> field;
  std::optional<std::string> value_json;  // WrongTypes: replacement (JSON text); default flips the type

  // Oversize
  std::size_t size_bytes = 17 * 1024 * 1024;
  bool chunked = false;  // no Content-Length: the client must cap while reading

  // Drop
  DropPoint drop_point = DropPoint::BeforeResponse;

  // Redirect
  std::string location = "https://vm.jdcloud-api.com/";

  // Trickle: `trickle_bytes` of the body every `interval_ms`; 0 bytes = the
  // headers, then silence until the client hangs up.
  std::size_t trickle_bytes = 1;
  int interval_ms = 500;
  TricklePart part = TricklePart::Body;

  // TotalCountMismatch: added to the true totalCount (never below 0)
  int total_count_delta = 1;
};

// Parses one fault object or an array of them. Unknown members and values out
// of range are errors (a typo must not silently become "no fault").
std::expected<std::vector<Fault>, std::string> ParseFaults(std::string_view json);

// The canonical JSON form of a fault list (GET /__double/faults).
std::string FaultsToJson(const std::vector<Fault>& faults);

std::string_view KindName(FaultKind kind);
std::string_view RouteName(Route route);

// The active faults. Thread-safe.
class FaultTable {
 public:
  void Add(std::vector<Fault> faults);
  void Clear();
  // The fault that applies to the next describeImage request for `image_id`
  // (a fault for that id wins over route describeImage, which wins over
  // "*"; older faults first), consuming one of its uses.
  std::optional<Fault> Take(std::string_view image_id);
  // The same for a describeImages request for page `page_number` (route
  // describeImages wins over "*").
  std::optional<Fault> TakeForList(int page_number);
  std::vector<Fault> List() const;

 private:
  // Takes the fault with the highest score (< 0: not applicable), oldest first.
  template <class Score>
  std::optional<Fault> TakeBest(Score score);

  mutable std::mutex mu_;
  std::vector<Fault> faults_;
};

}  // namespace api_double
