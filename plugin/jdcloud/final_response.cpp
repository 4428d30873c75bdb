#include "jdcloud/final_response.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace jdcloud {
namespace {

// The same bound httplib puts on a response's head.
constexpr std::size_t kMaxHead = 64 * 1024;

bool SameName(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); });
}

std::string_view TrimmedValue(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

template <typename T>
bool ParseWhole(std::string_view text, T* out, int base = 10) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out, base);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

// "HTTP/1.1 200 OK" -> 200.
bool ParseStatusLine(std::string_view line, int* status) {
  if (!line.starts_with("HTTP/1.") || line.size() < 12 || line[8] != ' ') return false;
  if (line.size() > 12 && line[12] != ' ') return false;
  return ParseWhole(line.substr(9, 3), status) && *status >= 100;
}

}  // namespace

FinalResponseReader::State FinalResponseReader::Fail(std::string problem) {
  problem_ = std::move(problem);
  return state_ = State::Malformed;
}

FinalResponseReader::State FinalResponseReader::Feed(std::string_view bytes) {
  if (state_ != State::Head && state_ != State::Body) return state_;
  buffer_.append(bytes);
  while (state_ == State::Head || state_ == State::Body) {
    const bool progressed = state_ == State::Head ? ParseHead() : ParseBody();
    if (!progressed) break;
  }
  if (state_ == State::Head && buffer_.size() > kMaxHead) return Fail("the status line and headers exceed 64 KiB");
  return state_;
}

FinalResponseReader::State FinalResponseReader::Close() {
  if (state_ == State::Body && framing_ == BodyFraming::UntilClose) return state_ = State::Done;
  if (state_ == State::Head) return Fail("the connection closed before the final status line and headers");
  if (state_ == State::Body) return Fail("the connection closed before the end of the body");
  return state_;
}

bool FinalResponseReader::ParseHead() {
  const auto end = buffer_.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  const std::string_view head(buffer_.data(), end + 2);
  std::size_t pos = head.find("\r\n");
  int status = 0;
  if (!ParseStatusLine(head.substr(0, pos), &status)) {
    Fail("the status line after an interim (1xx) response is not HTTP/1.x");
    return false;
  }
  bool chunked = false;
  std::optional<std::size_t> length;
  response_ = HttpResponse{};
  response_.status = status;
  for (pos += 2; pos < head.size();) {
    const auto eol = head.find("\r\n", pos);
    const std::string_view line = head.substr(pos, eol - pos);
    pos = eol + 2;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      Fail("a header line has no name");
      return false;
    }
    const std::string_view name = line.substr(0, colon), value = TrimmedValue(line.substr(colon + 1));
    if (SameName(name, "Content-Length")) {
      std::size_t n = 0;
      if (!ParseWhole(value, &n)) {
        Fail("Content-Length is not a number");
        return false;
      }
      length = n;
    } else if (SameName(name, "Transfer-Encoding")) {
      chunked = SameName(value, "chunked");
    } else if (SameName(name, "x-jdcloud-request-id")) {
      response_.request_id = value;
    } else if (SameName(name, "Retry-After")) {
      response_.retry_after = value;
    } else if (SameName(name, "Location")) {
      response_.location = value;
    }
  }
  buffer_.erase(0, end + 4);
  if (status < 200) return true;  // another interim response: read on
  state_ = State::Body;
  if (status == 204 || status == 304) {
    state_ = State::Done;
  } else if (chunked) {
    framing_ = BodyFraming::Chunked;
  } else if (length) {
    framing_ = BodyFraming::Length;
    remaining_ = *length;
    if (remaining_ > max_body_) state_ = State::TooLarge;
  }
  return true;
}

bool FinalResponseReader::Append(std::string_view bytes) {
  if (response_.body.size() + bytes.size() > max_body_) {
    state_ = State::TooLarge;
    return false;
  }
  response_.body.append(bytes);
  return true;
}

bool FinalResponseReader::ParseBody() {
  if (framing_ == BodyFraming::Chunked) return ParseChunk();
  if (framing_ == BodyFraming::UntilClose) {
    Append(buffer_);
    buffer_.clear();
    return false;
  }
  const std::size_t take = std::min(remaining_, buffer_.size());
  if (!Append(std::string_view(buffer_).substr(0, take))) return false;
  buffer_.erase(0, take);
  remaining_ -= take;
  if (remaining_ == 0) state_ = State::Done;
  return false;
}

bool FinalResponseReader::ParseChunk() {
  if (chunk_step_ == ChunkStep::Data) {
    const std::size_t take = std::min(remaining_, buffer_.size());
    if (!Append(std::string_view(buffer_).substr(0, take))) return false;
    buffer_.erase(0, take);
    remaining_ -= take;
    if (remaining_ > 0) return false;
    chunk_step_ = ChunkStep::DataEnd;
    return true;
  }
  const auto eol = buffer_.find("\r\n");
  if (eol == std::string::npos) {
    if (buffer_.size() > kMaxHead) Fail("a chunk size line is too long");
    return false;
  }
  const std::string line = buffer_.substr(0, eol);
  buffer_.erase(0, eol + 2);
  switch (chunk_step_) {
    case ChunkStep::Size: {
      const std::string_view size = TrimmedValue(std::string_view(line).substr(0, line.find(';')));
      if (!ParseWhole(size, &remaining_, 16)) {
        Fail("a chunk size is not a hexadecimal number");
        return false;
      }
      chunk_step_ = remaining_ == 0 ? ChunkStep::Trailer : ChunkStep::Data;
      return true;
    }
    case ChunkStep::DataEnd:
      if (!line.empty()) {
        Fail("a chunk is longer than its declared size");
        return false;
      }
      chunk_step_ = ChunkStep::Size;
      return true;
    case ChunkStep::Trailer:
      if (line.empty()) state_ = State::Done;
      return true;
    case ChunkStep::Data: break;  // handled above
  }
  return false;
}

}  // namespace jdcloud
