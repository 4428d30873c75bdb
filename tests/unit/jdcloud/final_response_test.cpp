#include "jdcloud/final_response.h"

#include <catch2/catch.hpp>

using jdcloud::FinalResponseReader;
using State = FinalResponseReader::State;

TEST_CASE("the final answer after interim responses, fed a byte at a time", "[final-response]") {
  const std::string bytes =
      "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\n"
      "X-JDCLOUD-REQUEST-ID: req-1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nT: x\r\n\r\n";
  FinalResponseReader reader(1024);
  for (char c : bytes) reader.Feed(std::string_view(&c, 1));
  REQUIRE(reader.state() == State::Done);
  CHECK(reader.response().status == 429);
  CHECK(reader.response().body == "abcde");
  CHECK(reader.response().retry_after == "7");
  CHECK(reader.response().request_id == "req-1");
}

TEST_CASE("a body without a length ends with the connection", "[final-response]") {
  FinalResponseReader reader(1024);
  CHECK(reader.Feed("HTTP/1.1 200 OK\r\n\r\nhello") == State::Body);
  CHECK(reader.Close() == State::Done);
  CHECK(reader.response().body == "hello");
}

TEST_CASE("malformed and oversized final answers", "[final-response]") {
  CHECK(FinalResponseReader(1024).Feed("HTTP/2 200\r\n\r\n") == State::Malformed);
  CHECK(FinalResponseReader(1024).Feed("HTTP/1.1 200 OK\r\nno colon\r\n\r\n") == State::Malformed);
  CHECK(FinalResponseReader(1024).Feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n") ==
        State::Malformed);
  CHECK(FinalResponseReader(4).Feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n") == State::TooLarge);
  CHECK(FinalResponseReader(4).Feed("HTTP/1.1 200 OK\r\n\r\n12345") == State::TooLarge);
  FinalResponseReader cut(1024);
  cut.Feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n12");
  CHECK(cut.Close() == State::Malformed);
  CHECK(FinalResponseReader(1024).Feed(std::string(70 * 1024, 'x')) == State::Malformed);
}
