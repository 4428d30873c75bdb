// cpp-httplib 0.11 skips a bare "100 Continue" but takes any other interim
// (1xx) response -- 102 Processing, 103 Early Hints -- for the answer, and then
// reads everything after it as that answer's body, until the connection
// closes. This reads the real, final answer back out of those bytes: status
// line, headers, then a body of Content-Length bytes, chunked, or up to the
// close. Further 1xx responses before it are skipped too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "jdcloud/http_response.h"

namespace jdcloud {

class FinalResponseReader {
 public:
  enum class State { Head, Body, Done, Malformed, TooLarge };

  explicit FinalResponseReader(std::size_t max_body) : max_body_(max_body) {}

  // Consumes bytes as they arrive. Bytes after the end of the answer are
  // ignored (the connection is not reused).
  State Feed(std::string_view bytes);
  // The connection closed: ends a body that had no declared length.
  State Close();

  State state() const { return state_; }
  // When Malformed: what was wrong, in a few words.
  const std::string& problem() const { return problem_; }
  const HttpResponse& response() const { return response_; }

 private:
  enum class BodyFraming { Length, Chunked, UntilClose };
  enum class ChunkStep { Size, Data, DataEnd, Trailer };

  State Fail(std::string problem);
  // Each returns false when it needs more bytes.
  bool ParseHead();
  bool ParseBody();
  bool ParseChunk();
  bool Append(std::string_view bytes);

  const std::size_t max_body_;
  State state_ = State::Head;
  std::string problem_;
  std::string buffer_;  // received and not yet consumed
  HttpResponse response_;
  BodyFraming framing_ = BodyFraming::UntilClose;
  std::size_t remaining_ = 0;  // of the body (Length) or of the chunk (Chunked)
  ChunkStep chunk_step_ = ChunkStep::Size;
};

}  // namespace jdcloud
