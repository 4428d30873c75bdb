// The API double over real loopback HTTP: fixtures, signature enforcement,
// every fault kind, the control endpoints, stats, concurrency and the
// jdcloud-api-double program itself.
#include <rapidjson/document.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "test_support.h"

using namespace api_double;
using namespace api_double::testing;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr const char* kFull = "img-m5s0f7ss4c";
constexpr const char* kRegion = "cn-north-1";

// Asserts a JD error body: {"requestId", "error": {"code", "status", "message"}}
// whose request id is also the x-jdcloud-request-id header.
void CheckErrorBody(const httplib::Result& res, int status, const std::string& error_status,
                    const std::string& message = "") {
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == status);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  const auto doc = ParseJson(res->body);
  REQUIRE(doc.IsObject());
  REQUIRE(doc.HasMember("error"));
  CHECK(doc["error"]["code"].GetInt() == status);
  CHECK(std::string(doc["error"]["status"].GetString()) == error_status);
  if (!message.empty()) CHECK(std::string(doc["error"]["message"].GetString()) == message);
  REQUIRE(doc["requestId"].IsString());
  CHECK(std::string(doc["requestId"].GetString()).size() == 32);
  CHECK(res->get_header_value("x-jdcloud-request-id") == doc["requestId"].GetString());
}

std::string Str(const rapidjson::Value& v) { return v.IsString() ? v.GetString() : "<not a string>"; }

std::string ErrorStatusOf(const httplib::Result& res) {
  const auto doc = ParseJson(res->body);
  return doc["error"]["status"].GetString();
}

// The fixture file's text, byte for byte.
std::string FixtureText(const std::string& image_id) {
  std::ifstream in(std::filesystem::path(DefaultFixturesDir()) / "images" / (image_id + ".json"), std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ControlGet(const ApiDouble& server, const std::string& path) {
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Get(path.c_str());
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return res->body;
}

}  // namespace

TEST_CASE("a correctly signed request gets every fixture, byte for byte the file's Image") {
  auto server = StartDouble();
  const auto ids = server->fixtures().Ids();
  REQUIRE(ids.size() >= 8);
  for (const auto& id : ids) {
    const std::string region = id == "img-pending001" ? "cn-south-1" : id == "img-win2019uefi" ? "cn-east-2" : kRegion;
    INFO(id << " in " << region);
    auto res = DescribeImage(*server, region, id);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    const auto doc = ParseJson(res->body);
    const std::string request_id = doc["requestId"].GetString();
    CHECK(request_id.size() == 32);
    CHECK(res->get_header_value("x-jdcloud-request-id") == request_id);
    CHECK_FALSE(doc["result"]["image"].HasMember("__double"));
    const std::string file = FixtureText(id);
    if (file.find("\"__double\"") == std::string::npos) {
      // Served verbatim: number spellings, duplicate members, escapes and
      // whitespace reach the client exactly as the file has them.
      CHECK(res->body == "{\"requestId\":\"" + request_id + "\",\"result\":{\"image\":" + file + "}}");
    } else {
      // Re-written without "__double" (no duplicate members in these files).
      const auto expected = FixtureImage(id);
      CHECK(doc["result"]["image"] == expected);
    }
  }
  const auto stats = server->stats().Snapshot();
  CHECK(stats.total == ids.size());
  CHECK(stats.outcomes.at("200") == ids.size());
  CHECK(stats.user_agents.at("api-double-test/1") == ids.size());
}

TEST_CASE("unicode survives unchanged and every request gets a fresh request id") {
  auto server = StartDouble();
  auto a = DescribeImage(*server, kRegion, "img-unicode001");
  auto b = DescribeImage(*server, kRegion, "img-unicode001");
  REQUIRE((a && b));
  const auto doc = ParseJson(a->body);
  CHECK(std::string(doc["result"]["image"]["name"].GetString()) == "京东云 CentOS 8.2 定制镜像 🚀");
  CHECK(std::string(doc["result"]["image"]["systemDisk"]["cloudDisk"]["tags"][1]["value"].GetString()) == "🐉");
  CHECK(a->get_header_value("x-jdcloud-request-id") != b->get_header_value("x-jdcloud-request-id"));
}

TEST_CASE("unknown images and images outside their regions are 404 NOT_FOUND") {
  auto server = StartDouble();
  CheckErrorBody(DescribeImage(*server, kRegion, "img-doesnotexist"), 404, "NOT_FOUND");
  CheckErrorBody(DescribeImage(*server, kRegion, "img-pending001"), 404, "NOT_FOUND");
  CHECK(DescribeImage(*server, "cn-south-1", "img-pending001")->status == 200);
  // Malformed ids and regions are the caller's mistake.
  CheckErrorBody(DescribeImage(*server, kRegion, "img-UPPER0001"), 400, "INVALID_ARGUMENT");
  CheckErrorBody(DescribeImage(*server, "north", kFull), 400, "INVALID_ARGUMENT");
  const auto stats = server->stats().Snapshot();
  CHECK(stats.outcomes.at("404") == 2);
  CHECK(stats.outcomes.at("400") == 2);
  CHECK(stats.images.at("img-doesnotexist") == 1);
  CHECK(stats.images.at("img-pending001") == 2);
}

TEST_CASE("requests that are not correctly signed get 401 ACCESS_ERROR like the gateway's") {
  auto server = StartDouble();
  SignOptions o;
  std::string message;
  SECTION("no Authorization header") {
    o.send_authorization = false;
    message = "lack of header authorization[gw]";
  }
  SECTION("the wrong secret key") {
    o.secret_key = "SKWRONG00000000000000000000000000";
    message = "sign result is not same [gw]";
  }
  SECTION("an unknown access key") {
    o.access_key = "AKSOMEONEELSE000000";
    message = "invalid accesskey[gw]";
  }
  SECTION("a date 20 minutes old") {
    o.date = jdcloud::Signer::FormatDate(std::chrono::system_clock::now() - std::chrono::minutes(20));
    message = "request date is out of the allowed range of the server time[gw]";
  }
  SECTION("a date 20 minutes ahead") {
    o.date = jdcloud::Signer::FormatDate(std::chrono::system_clock::now() + std::chrono::minutes(20));
    message = "request date is out of the allowed range of the server time[gw]";
  }
  SECTION("a scope naming another region") {
    o.scope_region = "cn-south-1";
    message = "credential region does not match the request region[gw]";
  }
  SECTION("a scope naming another service") {
    o.service = "disk";
    message = "credential service must be vm[gw]";
  }
  SECTION("the nonce not signed") {
    o.sign_nonce = false;
    message = "x-jdcloud-date and x-jdcloud-nonce must be signed[gw]";
  }
  SECTION("the date not signed") {
    o.sign_date = false;
    message = "x-jdcloud-date and x-jdcloud-nonce must be signed[gw]";
  }
  SECTION("a malformed date") {
    o.date = "2024-03-15T08:30:00Z";
    message = "invalid x-jdcloud-date, expected YYYYMMDDTHHMMSSZ[gw]";
  }
  CheckErrorBody(DescribeImage(*server, kRegion, kFull, o), 401, "ACCESS_ERROR", message);
  CHECK(server->stats().Snapshot().outcomes.at("401") == 1);
}

TEST_CASE("a replayed request is refused; a request signed for another image is too") {
  auto server = StartDouble();
  httplib::Client client("127.0.0.1", server->port());
  const auto request = PrepareDescribeImage(server->port(), kRegion, kFull);
  CHECK(Send(client, request)->status == 200);
  CheckErrorBody(Send(client, request), 401, "ACCESS_ERROR", "nonce has been used, replay request is not allowed[gw]");

  auto tampered = PrepareDescribeImage(server->port(), kRegion, kFull);
  tampered.path = "/v1/regions/cn-north-1/images/img-h8ly274zg9";
  CheckErrorBody(Send(client, tampered), 401, "ACCESS_ERROR", "sign result is not same [gw]");
  CHECK(server->stats().Snapshot().total == 3);
}

TEST_CASE("JDCLOUD3 signatures are accepted too, like the real gateway") {
  auto server = StartDouble();
  SignOptions o;
  o.algorithm = jdcloud::kJdcloud3;
  CHECK(DescribeImage(*server, kRegion, kFull, o)->status == 200);
}

TEST_CASE("custom credentials replace the default ones") {
  auto server = StartDouble({.access_key = "AKCUSTOM", .secret_key = "SKCUSTOM"});
  CHECK(DescribeImage(*server, kRegion, kFull)->status == 401);
  SignOptions o;
  o.access_key = "AKCUSTOM";
  o.secret_key = "SKCUSTOM";
  CHECK(DescribeImage(*server, kRegion, kFull, o)->status == 200);
}

TEST_CASE("status faults answer N times with JD's error body, then normally") {
  auto server = StartDouble();
  REQUIRE(AddFaults(*server, R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":503,"times":2})") == 200);
  CheckErrorBody(DescribeImage(*server, kRegion, kFull), 503, "UNAVAILABLE");
  CheckErrorBody(DescribeImage(*server, kRegion, kFull), 503, "UNAVAILABLE");
  CHECK(DescribeImage(*server, kRegion, kFull)->status == 200);
  CHECK(DescribeImage(*server, kRegion, "img-h8ly274zg9")->status == 200);  // other images unaffected
  const auto stats = server->stats().Snapshot();
  CHECK(stats.images.at(kFull) == 3);
  CHECK(stats.total == 4);
  CHECK(stats.faults.at("status") == 2);
  CHECK(stats.outcomes.at("503") == 2);
  CHECK(stats.outcomes.at("200") == 2);
}

TEST_CASE("every error status the client must handle, with the right JD status") {
  auto server = StartDouble();
  const std::vector<std::pair<int, std::string>> table = {
      {400, "INVALID_ARGUMENT"}, {401, "ACCESS_ERROR"}, {403, "PERMISSION_DENIED"}, {404, "NOT_FOUND"},
      {500, "INTERNAL"},         {502, "SOURCE_UNAVAILABLE"}, {503, "UNAVAILABLE"}, {504, "DEADLINE_EXCEEDED"}};
  for (const auto& [status, error_status] : table) {
    INFO(status);
    REQUIRE(AddFaults(*server, R"({"kind":"status","times":1,"status":)" + std::to_string(status) + "}") == 200);
    CheckErrorBody(DescribeImage(*server, kRegion, kFull), status, error_status);
  }
  REQUIRE(AddFaults(*server, R"({"kind":"status","status":403,"error_status":"HTTP_FORBIDDEN","message":"no permission","times":1})") == 200);
  CheckErrorBody(DescribeImage(*server, kRegion, kFull), 403, "HTTP_FORBIDDEN", "no permission");
  REQUIRE(AddFaults(*server, R"({"kind":"status","status":400,"error_status":"FAILED_PRECONDITION","message":"Conflict with underlay task","times":1})") == 200);
  CheckErrorBody(DescribeImage(*server, kRegion, kFull), 400, "FAILED_PRECONDITION", "Conflict with underlay task");
  CHECK(DescribeImage(*server, kRegion, kFull)->status == 200);
  CHECK(server->stats().Snapshot().faults.at("status") == table.size() + 2);
}

TEST_CASE("429 RATE_LIMIT carries Retry-After; QUOTA_EXCEEDED does not") {
  auto server = StartDouble();
  REQUIRE(AddFaults(*server, R"([{"kind":"rate_limit","retry_after":7,"times":1},{"kind":"rate_limit","times":1},
                                 {"kind":"quota_exceeded","times":1}])") == 200);
  auto first = DescribeImage(*server, kRegion, kFull);
  CheckErrorBody(first, 429, "RATE_LIMIT");
  CHECK(first->get_header_value("Retry-After") == "7");
  auto second = DescribeImage(*server, kRegion, kFull);
  CheckErrorBody(second, 429, "RATE_LIMIT");
  CHECK(second->get_header_value("Retry-After") == "1");
  auto third = DescribeImage(*server, kRegion, kFull);
  CheckErrorBody(third, 429, "QUOTA_EXCEEDED");
  CHECK_FALSE(third->has_header("Retry-After"));
  CHECK(DescribeImage(*server, kRegion, kFull)->status == 200);
}

TEST_CASE("a fault without times applies to every request; a specific image wins over \"*\"") {
  auto server = StartDouble();
  REQUIRE(AddFaults(*server, R"([{"kind":"status","status":500},{"image_id":"img-h8ly274zg9","kind":"status","status":502,"times":1}])") == 200);
  for (int i = 0; i < 3; ++i) CheckErrorBody(DescribeImage(*server, kRegion, kFull), 500, "INTERNAL");
  CheckErrorBody(DescribeImage(*server, kRegion, "img-h8ly274zg9"), 502, "SOURCE_UNAVAILABLE");
  CheckErrorBody(DescribeImage(*server, kRegion, "img-h8ly274zg9"), 500, "INTERNAL");
  // Faults apply to unknown ids too (the gateway fails before the lookup).
  CheckErrorBody(DescribeImage(*server, kRegion, "img-doesnotexist"), 500, "INTERNAL");
  // Signatures are still checked first.
  SignOptions unsigned_request;
  unsigned_request.send_authorization = false;
  CheckErrorBody(DescribeImage(*server, kRegion, kFull, unsigned_request), 401, "ACCESS_ERROR");
}

TEST_CASE("delay faults answer late; a client timeout sees no answer but the request is counted") {
  auto server = StartDouble();
  REQUIRE(AddFaults(*server, R"({"kind":"delay","delay_ms":300,"times":1})") == 200);
  auto start = SteadyClock::now();
  auto res = DescribeImage(*server, kRegion, kFull);
  const auto elapsed = SteadyClock::now() - start;
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(elapsed >= milliseconds(300));
  CHECK(elapsed < milliseconds(3000));

  REQUIRE(AddFaults(*server, R"({"kind":"delay","delay_ms":2000,"times":1})") == 200);
  httplib::Client client("127.0.0.1", server->port());
  client.set_read_timeout(0, 200'000);
  start = SteadyClock::now();
  auto timed_out = Send(client, PrepareDescribeImage(server->port(), kRegion, kFull));
  CHECK_FALSE(timed_out);
  CHECK(SteadyClock::now() - start < milliseconds(1500));
  CHECK(server->stats().Snapshot().images.at(kFull) == 2);
  CHECK(server->stats().Snapshot().faults.at("delay") == 2);

  // A delay combines with any other kind.
  REQUIRE(AddFaults(*server, R"({"kind":"status","status":503,"delay_ms":200,"times":1})") == 200);
  start = SteadyClock::now();
  CheckErrorBody(DescribeImage(*server, kRegion, kFull), 503, "UNAVAILABLE");
  CHECK(SteadyClock::now() - start >= milliseconds(200));
}

TEST_CASE("malformed bodies arrive as 200 with a broken body") {
  auto server = StartDouble();
  auto malformed = [&](const std::string& fault) {
    REQUIRE(AddFaults(*server, fault) == 200);
    auto res = DescribeImage(*server, kRegion, kFull);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("x-jdcloud-request-id").size() == 32);
    CHECK(res->get_header_value("Content-Length") == std::to_string(res->body.size()));
    return res->body;
  };
  auto parses = [](const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    return !d.HasParseError();
  };
  CHECK_FALSE(parses(malformed(R"({"kind":"malformed","body":"not_json","times":1})")));
  const std::string truncated = malformed(R"({"kind":"malformed","body":"truncated","times":1})");
  CHECK_FALSE(parses(truncated));
  CHECK(truncated.starts_with("{\"requestId\":"));
  CHECK(malformed(R"({"kind":"malformed","body":"empty","times":1})").empty());

  auto doc = ParseJson(malformed(R"({"kind":"malformed","body":"wrong_types","times":1})"));
  CHECK(std::string(doc["result"]["image"]["sizeMB"].GetString()) == "2048");
  CHECK(doc["result"]["image"]["name"] == FixtureImage(kFull)["name"]);  // everything else intact

  doc = ParseJson(malformed(
      R"({"kind":"malformed","body":"wrong_types","field":"/systemDisk/cloudDisk/diskSizeGB","value":"big","times":1})"));
  CHECK(std::string(doc["result"]["image"]["systemDisk"]["cloudDisk"]["diskSizeGB"].GetString()) == "big");

  doc = ParseJson(malformed(R"({"kind":"malformed","body":"missing_image","times":1})"));
  CHECK(doc["result"].IsObject());
  CHECK_FALSE(doc["result"].HasMember("image"));
  doc = ParseJson(malformed(R"({"kind":"malformed","body":"missing_result","times":1})"));
  CHECK_FALSE(doc.HasMember("result"));
  CHECK(doc["requestId"].IsString());

  CHECK(DescribeImage(*server, kRegion, kFull)->status == 200);
  CHECK(server->stats().Snapshot().faults.at("malformed") == 7);
}

TEST_CASE("oversize bodies exceed 16 MiB, with or without Content-Length") {
  auto server = StartDouble();
  constexpr std::size_t kCap = 16u * 1024 * 1024;
  REQUIRE(AddFaults(*server, R"([{"kind":"oversize","times":1},{"kind":"oversize","chunked":true,"times":1}])") == 200);
  auto sized = DescribeImage(*server, kRegion, kFull);
  REQUIRE(sized);
  CHECK(sized->status == 200);
  CHECK(sized->body.size() > kCap);
  CHECK(sized->get_header_value("Content-Length") == std::to_string(sized->body.size()));
  CHECK(Str(ParseJson(sized->body)["result"]["image"]["imageId"]) == std::string(kFull));

  auto chunked = DescribeImage(*server, kRegion, kFull);
  REQUIRE(chunked);
  CHECK(chunked->body.size() == sized->body.size());
  CHECK_FALSE(chunked->has_header("Content-Length"));
  CHECK(chunked->get_header_value("Transfer-Encoding") == "chunked");

  // A client that stops reading at its cap gets out cleanly.
  REQUIRE(AddFaults(*server, R"({"kind":"oversize","size_bytes":100000000,"times":1})") == 200);
  httplib::Client client("127.0.0.1", server->port());
  std::size_t received = 0;
  const auto request = PrepareDescribeImage(server->port(), kRegion, kFull);
  auto capped = client.Get(request.path.c_str(), request.headers, [&](const char*, std::size_t n) {
    received += n;
    return received <= kCap;
  });
  CHECK_FALSE(capped);
  CHECK(capped.error() == httplib::Error::Canceled);
  CHECK(received > kCap);
  CHECK(received < 20u * 1024 * 1024);
  CHECK(DescribeImage(*server, kRegion, kFull)->status == 200);
}

TEST_CASE("drop faults close the connection before or during the answer") {
  auto server = StartDouble();
  SECTION("before any byte of the response") {
    REQUIRE(AddFaults(*server, R"({"kind":"drop","times":1})") == 200);
    httplib::Client client("127.0.0.1", server->port());
    std::size_t header_callbacks = 0;
    const auto request = PrepareDescribeImage(server->port(), kRegion, kFull);
    auto res = client.Get(
        request.path.c_str(), request.headers,
        [&](const httplib::Response&) {
          ++header_callbacks;
          return true;
        },
        [](const char*, std::size_t) { return true; });
    CHECK_FALSE(res);
    CHECK(res.error() == httplib::Error::Read);
    CHECK(header_callbacks == 0);
  }
  SECTION("half way through the body") {
    const std::size_t full_size = DescribeImage(*server, kRegion, kFull)->body.size();
    REQUIRE(AddFaults(*server, R"({"kind":"drop","drop":"mid_body","times":1})") == 200);
    httplib::Client client("127.0.0.1", server->port());
    int status = 0;
    std::string partial;
    const auto request = PrepareDescribeImage(server->port(), kRegion, kFull);
    auto res = client.Get(
        request.path.c_str(), request.headers,
        [&](const httplib::Response& r) {
          status = r.status;
          return true;
        },
        [&](const char* data, std::size_t n) {
          partial.append(data, n);
          return true;
        });
    CHECK_FALSE(res);
    CHECK(status == 200);
    CHECK_FALSE(partial.empty());
    CHECK(partial.size() == full_size / 2);
  }
  CHECK(server->stats().Snapshot().outcomes.at("dropped") == 1);  // counted before the connection closed
  CHECK(server->stats().Snapshot().faults.at("drop") == 1);
  // The server keeps serving.
  CHECK(DescribeImage(*server, kRegion, kFull)->status == 200);
}

TEST_CASE("trickle faults send the headers at once, then the body slowly or not at all") {
  auto server = StartDouble();
  const std::string full = DescribeImage(*server, kRegion, kFull)->body;
  auto get = [&](httplib::Client& client, std::string& body, SteadyClock::time_point& headers_at) {
    const auto request = PrepareDescribeImage(server->port(), kRegion, kFull);
    return client.Get(
        request.path.c_str(), request.headers,
        [&](const httplib::Response& r) {
          headers_at = SteadyClock::now();
          return r.status == 200;
        },
        [&](const char* data, std::size_t n) {
          body.append(data, n);
          return true;
        });
  };

  SECTION("the whole body, a chunk per interval") {
    // ~1.5 KiB in 512-byte steps: 3 or 4 intervals of 100 ms.
    REQUIRE(AddFaults(*server, R"({"kind":"trickle","trickle_bytes":512,"interval_ms":100,"times":1})") == 200);
    httplib::Client client("127.0.0.1", server->port());
    std::string body;
    SteadyClock::time_point headers_at;
    const auto start = SteadyClock::now();
    auto res = get(client, body, headers_at);
    const auto elapsed = SteadyClock::now() - start;
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(ParseJson(body)["result"]["image"]["imageId"] == FixtureImage(kFull)["imageId"]);
    CHECK(body.size() == full.size());
    const auto intervals = (full.size() + 511) / 512;
    CHECK(headers_at - start < milliseconds(100));
    CHECK(elapsed >= milliseconds(100 * intervals - 20));
  }
  SECTION("headers, then silence until the client gives up") {
    REQUIRE(AddFaults(*server, R"({"kind":"trickle","trickle_bytes":0,"interval_ms":50,"times":1})") == 200);
    httplib::Client client("127.0.0.1", server->port());
    client.set_read_timeout(0, 300'000);
    std::string body;
    SteadyClock::time_point headers_at{};
    const auto start = SteadyClock::now();
    auto res = get(client, body, headers_at);
    CHECK_FALSE(res);
    CHECK(headers_at != SteadyClock::time_point{});
    CHECK(body.empty());
    CHECK(SteadyClock::now() - start < milliseconds(1500));
    client.stop();
  }
  CHECK(server->stats().Snapshot().faults.at("trickle") == 1);
  // The server keeps serving and still stops promptly.
  CHECK(DescribeImage(*server, kRegion, kFull)->status == 200);
  const auto stop_start = SteadyClock::now();
  server->Stop();
  CHECK(SteadyClock::now() - stop_start < milliseconds(1000));
}

TEST_CASE("the control endpoints: list, clear, reset, health, runtime images") {
  auto server = StartDouble();
  httplib::Client client("127.0.0.1", server->port());

  auto bad = client.Post("/__double/faults", R"({"kind":"status","status":503,"time":2})", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(ErrorStatusOf(bad) == "INVALID_ARGUMENT");
  CHECK(Str(ParseJson(bad->body)["error"]["message"]) == std::string("unknown member \"time\""));
  CHECK(client.Post("/__double/faults", "not json", "application/json")->status == 400);

  REQUIRE(AddFaults(*server, R"({"kind":"status","status":503,"times":5})") == 200);
  DescribeImage(*server, kRegion, kFull);
  auto listed = ParseJson(ControlGet(*server, "/__double/faults"));
  REQUIRE(listed["faults"].Size() == 1);
  CHECK(listed["faults"][0]["times_left"].GetInt() == 4);

  auto cleared = client.Delete("/__double/faults");
  REQUIRE(cleared);
  CHECK(cleared->status == 200);
  CHECK(ParseJson(ControlGet(*server, "/__double/faults"))["faults"].Size() == 0);
  CHECK(DescribeImage(*server, kRegion, kFull)->status == 200);

  auto stats = ParseJson(ControlGet(*server, "/__double/stats"));
  CHECK(stats["total"].GetUint64() == 2);
  CHECK(stats["images"][kFull].GetUint64() == 2);
  CHECK(stats["outcomes"]["503"].GetUint64() == 1);
  CHECK(stats["outcomes"]["200"].GetUint64() == 1);
  CHECK(stats["faults"]["status"].GetUint64() == 1);
  CHECK(stats["connections"].GetUint64() == 2);

  REQUIRE(AddFaults(*server, R"({"kind":"drop"})") == 200);
  auto reset = client.Post("/__double/reset", "", "application/json");
  REQUIRE(reset);
  CHECK(reset->status == 200);
  CHECK(ParseJson(ControlGet(*server, "/__double/stats"))["total"].GetUint64() == 0);
  CHECK(ParseJson(ControlGet(*server, "/__double/faults"))["faults"].Size() == 0);

  CHECK(Str(ParseJson(ControlGet(*server, "/__double/health"))["status"]) == std::string("ok"));
  CHECK(ControlGet(*server, "/__double/images").find(kFull) != std::string::npos);

  auto put = client.Put("/__double/images/img-runtime0001", R"({"imageId":"img-runtime0001","name":"made in a test"})",
                        "application/json");
  REQUIRE(put);
  CHECK(put->status == 200);
  auto got = DescribeImage(*server, kRegion, "img-runtime0001");
  REQUIRE(got);
  CHECK(Str(ParseJson(got->body)["result"]["image"]["name"]) == std::string("made in a test"));
  CHECK(client.Put("/__double/images/img-runtime0002", "[1]", "application/json")->status == 400);
  CHECK(client.Put("/__double/images/bad", "{}", "application/json")->status == 400);
  // A test may make the double answer as another image (the client must refuse that answer).
  CHECK(client.Put("/__double/images/img-runtime0003", R"({"imageId":"img-other00001"})", "application/json")->status ==
        200);
  auto other = DescribeImage(*server, kRegion, "img-runtime0003");
  REQUIRE(other);
  CHECK(Str(ParseJson(other->body)["result"]["image"]["imageId"]) == std::string("img-other00001"));

  // Unknown paths get JD's error shape.
  auto unknown = client.Get("/v1/regions/cn-north-1/instances");
  CheckErrorBody(unknown, 404, "NOT_FOUND");
}

TEST_CASE("a keep-alive client reuses one connection for many requests") {
  auto server = StartDouble();
  httplib::Client client("127.0.0.1", server->port());
  client.set_keep_alive(true);
  for (int i = 0; i < 200; ++i) {
    auto res = Send(client, PrepareDescribeImage(server->port(), kRegion, kFull));
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  const auto stats = server->stats().Snapshot();
  CHECK(stats.total == 200);
  CHECK(stats.connections == 1);
}

TEST_CASE("ten threads at once are all served and counted exactly") {
  auto server = StartDouble();
  REQUIRE(AddFaults(*server, R"({"kind":"status","status":503,"times":25})") == 200);
  std::atomic<int> ok{0}, unavailable{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 10; ++t) {
    threads.emplace_back([&] {
      httplib::Client client("127.0.0.1", server->port());
      client.set_keep_alive(true);
      for (int i = 0; i < 50; ++i) {
        auto res = Send(client, PrepareDescribeImage(server->port(), kRegion, kFull));
        if (res && res->status == 200) ++ok;
        else if (res && res->status == 503) ++unavailable;
        else ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 475);
  CHECK(unavailable == 25);
  CHECK(other == 0);
  const auto stats = server->stats().Snapshot();
  CHECK(stats.total == 500);
  CHECK(stats.images.at(kFull) == 500);
  CHECK(stats.faults.at("status") == 25);
  CHECK(stats.connections == 10);
}

TEST_CASE("Stop returns promptly with idle keep-alive connections and a request in a long delay") {
  auto server = StartDouble();
  httplib::Client idle("127.0.0.1", server->port());
  idle.set_keep_alive(true);
  REQUIRE(Send(idle, PrepareDescribeImage(server->port(), kRegion, kFull))->status == 200);

  REQUIRE(AddFaults(*server, R"({"kind":"delay","delay_ms":60000,"times":1})") == 200);
  std::thread slow([&] { DescribeImage(*server, kRegion, kFull); });
  std::this_thread::sleep_for(milliseconds(200));
  const auto start = SteadyClock::now();
  server->Stop();
  CHECK(SteadyClock::now() - start < milliseconds(1000));
  slow.join();
  server->Stop();  // idempotent
}

TEST_CASE("Start reports a bad fixture directory and a busy port") {
  auto missing = ApiDouble::Start({.fixtures_dir = "/nonexistent/fixtures"});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().find("/nonexistent/fixtures/images") != std::string::npos);

  const std::string dir = TempPath("bad-fixtures");
  std::filesystem::create_directories(dir + "/images");
  std::ofstream(dir + "/images/img-broken0001.json") << R"({"imageId": "img-broken0001", )";
  auto broken = ApiDouble::Start({.fixtures_dir = dir});
  REQUIRE_FALSE(broken);
  CHECK(broken.error().find("img-broken0001.json: invalid JSON") != std::string::npos);
  std::filesystem::remove_all(dir);

  auto first = StartDouble();
  auto second = ApiDouble::Start({.port = first->port()});
  REQUIRE_FALSE(second);
  CHECK(second.error().find("cannot listen") != std::string::npos);
}

// ---- the jdcloud-api-double program ----

namespace {

std::string DoubleExe() {
  const char* exe = std::getenv("JDCLOUD_API_DOUBLE_EXE");
  return exe ? exe : "";
}

struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;
  ~Child() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (out) std::fclose(out);
  }
};

// Runs the program with `args`; its stdout is readable from child.out, its
// stderr goes to `stderr_path` when given.
void Spawn(Child& child, std::vector<std::string> args, const std::string& stderr_path = "") {
  // Everything that allocates happens before fork(): only async-signal-safe
  // calls are allowed in the child of a (possibly) multi-threaded process.
  const std::string exe = DoubleExe();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(exe.c_str()));
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  child.pid = ::fork();
  REQUIRE(child.pid >= 0);
  if (child.pid == 0) {
    if (!stderr_path.empty()) {
      const int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (err >= 0) ::dup2(err, 2);
    }
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  child.out = ::fdopen(fds[0], "r");
}

int WaitExit(Child& child, std::chrono::milliseconds limit) {
  const auto deadline = SteadyClock::now() + limit;
  while (SteadyClock::now() < deadline) {
    int status = 0;
    if (::waitpid(child.pid, &status, WNOHANG) == child.pid) {
      child.pid = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  return -1;
}

}  // namespace

TEST_CASE("the program prints its port, writes the port file, serves and exits 0 on SIGTERM") {
  if (DoubleExe().empty()) {
    WARN("JDCLOUD_API_DOUBLE_EXE is not set; the build sets it for ctest and meson test");
    return;
  }
  const std::string port_file = TempPath("double-port");
  Child child;
  Spawn(child, {"--port", "0", "--port-file", port_file});
  char line[128] = {};
  REQUIRE(std::fgets(line, sizeof line, child.out) != nullptr);
  const std::string text(line);
  REQUIRE(text.starts_with("listening on 127.0.0.1:"));
  const int port = std::stoi(text.substr(std::string("listening on 127.0.0.1:").size()));
  int file_port = 0;
  std::ifstream(port_file) >> file_port;
  CHECK(file_port == port);

  httplib::Client client("127.0.0.1", port);
  auto ok = Send(client, PrepareDescribeImage(port, kRegion, kFull));
  REQUIRE(ok);
  CHECK(ok->status == 200);
  auto no_auth = client.Get("/v1/regions/cn-north-1/images/img-m5s0f7ss4c");
  CheckErrorBody(no_auth, 401, "ACCESS_ERROR", "lack of header authorization[gw]");

  ::kill(child.pid, SIGTERM);
  CHECK(WaitExit(child, milliseconds(3000)) == 0);
  std::filesystem::remove(port_file);
}

TEST_CASE("the program: --help, bad flags, bad fixtures, credentials from the environment") {
  if (DoubleExe().empty()) return;
  {
    Child child;
    Spawn(child, {"--help"});
    char line[128] = {};
    REQUIRE(std::fgets(line, sizeof line, child.out) != nullptr);
    CHECK(std::string(line).starts_with("Usage: jdcloud-api-double"));
    CHECK(WaitExit(child, milliseconds(3000)) == 0);
  }
  {
    Child child;
    Spawn(child, {"--port", "notaport"});
    CHECK(WaitExit(child, milliseconds(3000)) == 2);
  }
  {
    Child child;
    Spawn(child, {"--frobnicate", "1"});
    CHECK(WaitExit(child, milliseconds(3000)) == 2);
  }
  {
    Child child;
    Spawn(child, {"--fixtures", "/nonexistent"});
    CHECK(WaitExit(child, milliseconds(3000)) == 1);
  }
  {
    ::setenv("JDCLOUD_DOUBLE_SECRET_KEY", "SKFROMENV", 1);
    const std::string log = TempPath("double-stderr");
    Child child;
    Spawn(child, {"--access-key", "AKFLAG", "--verbose"}, log);
    ::unsetenv("JDCLOUD_DOUBLE_SECRET_KEY");
    char line[128] = {};
    REQUIRE(std::fgets(line, sizeof line, child.out) != nullptr);
    const int port = std::stoi(std::string(line).substr(std::string("listening on 127.0.0.1:").size()));
    SignOptions o;
    o.access_key = "AKFLAG";
    o.secret_key = "SKFROMENV";
    httplib::Client client("127.0.0.1", port);
    CHECK(Send(client, PrepareDescribeImage(port, kRegion, kFull, o))->status == 200);
    CHECK(Send(client, PrepareDescribeImage(port, kRegion, kFull))->status == 401);
    ::kill(child.pid, SIGINT);
    CHECK(WaitExit(child, milliseconds(3000)) == 0);
    // --verbose logs each request but never the secret or the signature.
    std::ifstream in(log);
    const std::string logged((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(logged.find("GET /v1/regions/cn-north-1/images/img-m5s0f7ss4c -> 200") != std::string::npos);
    CHECK(logged.find("-> 401") != std::string::npos);
    CHECK(logged.find("SKFROMENV") == std::string::npos);
    CHECK(logged.find("Signature") == std::string::npos);
    CHECK(logged.find("JDCLOUD2") == std::string::npos);
    std::filesystem::remove(log);
  }
}

TEST_CASE("the program serves several --fixtures directories, e.g. the catalog too") {
  if (DoubleExe().empty()) return;
  Child child;
  Spawn(child, {"--fixtures", DefaultFixturesDir(), "--fixtures", CatalogDir()});
  char line[128] = {};
  REQUIRE(std::fgets(line, sizeof line, child.out) != nullptr);
  const int port = std::stoi(std::string(line).substr(std::string("listening on 127.0.0.1:").size()));
  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/__double/health");
  REQUIRE(health);
  CHECK(ParseJson(health->body)["images"].GetUint64() > 250);
  CHECK(Send(client, PrepareDescribeImage(port, kRegion, "img-m5s0f7ss4c"))->status == 200);
  auto listed = Send(client, PrepareDescribeImages(port, kRegion, {{"imageSource", "public"}, {"pageSize", "100"}}));
  REQUIRE(listed);
  CHECK(listed->status == 200);
  CHECK(ParseJson(listed->body)["result"]["totalCount"].GetUint64() > 200);
  ::kill(child.pid, SIGTERM);
  CHECK(WaitExit(child, milliseconds(3000)) == 0);
}
