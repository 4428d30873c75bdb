// The fault model and the bodies it produces, without HTTP.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "fault.h"
#include "responses.h"

using namespace api_double;

namespace {

Fault ParseSingle(const std::string& json) {
  auto parsed = ParseFaults(json);
  INFO(json << " -> " << (parsed ? std::string("ok") : parsed.error()));
  REQUIRE(parsed);
  REQUIRE(parsed->size() == 1);
  return parsed->front();
}

std::string ParseError(const std::string& json) {
  auto parsed = ParseFaults(json);
  return parsed ? std::string("accepted") : parsed.error();
}

}  // namespace

TEST_CASE("faults parse with their defaults") {
  Fault f = ParseSingle(R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":503,"times":2})");
  CHECK(f.image_id == "img-m5s0f7ss4c");
  CHECK(f.kind == FaultKind::Status);
  CHECK(f.status == 503);
  CHECK(f.times == 2);
  CHECK(f.delay_ms == 0);

  f = ParseSingle(R"({"kind":"rate_limit","retry_after":7})");
  CHECK(f.image_id == "*");
  CHECK(f.status == 429);
  CHECK(f.error_status == "RATE_LIMIT");
  CHECK(f.retry_after == 7);
  CHECK_FALSE(f.times);

  f = ParseSingle(R"({"kind":"quota_exceeded"})");
  CHECK(f.status == 429);
  CHECK(f.error_status == "QUOTA_EXCEEDED");

  f = ParseSingle(R"({"kind":"malformed","body":"wrong_types","field":"/systemDisk/cloudDisk/tags","value":{"a":1}})");
  CHECK(f.body == MalformedBody::WrongTypes);
  CHECK(f.field == "/systemDisk/cloudDisk/tags");
  CHECK(f.value_json == R"({"a":1})");

  f = ParseSingle(R"({"kind":"oversize","chunked":true,"size_bytes":100})");
  CHECK(f.size_bytes == 100);
  CHECK(f.chunked);
  CHECK(ParseSingle(R"({"kind":"oversize"})").size_bytes > 16u * 1024 * 1024);

  CHECK(ParseSingle(R"({"kind":"drop"})").drop_point == DropPoint::BeforeResponse);
  CHECK(ParseSingle(R"({"kind":"drop","drop":"mid_body"})").drop_point == DropPoint::MidBody);
  CHECK(ParseSingle(R"({"kind":"delay","delay_ms":250})").delay_ms == 250);
  f = ParseSingle(R"({"kind":"trickle"})");
  CHECK(f.kind == FaultKind::Trickle);
  CHECK(f.trickle_bytes == 1);
  CHECK(f.interval_ms == 500);
  f = ParseSingle(R"({"kind":"trickle","trickle_bytes":0,"interval_ms":20})");
  CHECK(f.trickle_bytes == 0);
  CHECK(f.interval_ms == 20);
  CHECK(ParseSingle(R"({"kind":"status","status":500,"delay_ms":10})").delay_ms == 10);

  auto list = ParseFaults(R"([{"kind":"drop"},{"kind":"status","status":500}])");
  REQUIRE(list);
  CHECK(list->size() == 2);
}

TEST_CASE("bad faults are refused with a reason") {
  CHECK(ParseError("{") .starts_with("invalid JSON"));
  CHECK(ParseError(R"({"status":503})").starts_with("kind is required"));
  CHECK(ParseError(R"({"kind":"explode"})") == "unknown kind \"explode\"");
  CHECK(ParseError(R"({"kind":"status","status":503,"time":2})") == "unknown member \"time\"");
  CHECK(ParseError(R"({"kind":"status"})") == "kind status needs \"status\" (400..599)");
  CHECK(ParseError(R"({"kind":"status","status":200})") == "kind status needs \"status\" in 400..599");
  CHECK(ParseError(R"({"kind":"status","status":"503"})") == "status must be an integer in 100..599");
  CHECK(ParseError(R"({"kind":"interim","status":200})") == "kind interim needs \"status\" in 100..199");
  CHECK(ParseError(R"({"kind":"redirect","status":404})") == "kind redirect needs \"status\" in 300..399");
  CHECK(ParseError(R"({"kind":"trickle","part":"tail"})").starts_with("part must be one of"));
  CHECK(ParseError(R"({"kind":"trickle","part":"head","trickle_bytes":0})") ==
        "a trickled head needs \"trickle_bytes\" > 0");
  CHECK(ParseError(R"({"kind":"status","status":503,"times":0})") == "times must be an integer in 1..1000000");
  CHECK(ParseError(R"({"kind":"delay"})") == "kind delay needs \"delay_ms\" > 0");
  CHECK(ParseError(R"({"kind":"malformed"})").starts_with("kind malformed needs \"body\""));
  CHECK(ParseError(R"({"kind":"malformed","body":"weird"})").starts_with("body must be one of"));
  CHECK(ParseError(R"({"kind":"malformed","body":"wrong_types","field":"sizeMB"})").starts_with("field must be"));
  CHECK(ParseError(R"({"kind":"drop","image_id":"i-123"})").starts_with("image_id must be"));
  CHECK(ParseError(R"({"kind":"drop","drop":"later"})").starts_with("drop must be one of"));
  CHECK(ParseError(R"([{"kind":"drop"},{"kind":"nope"}])") == "fault 1: unknown kind \"nope\"");
  CHECK(ParseError("42") == "a fault must be a JSON object");
  CHECK(ParseError(R"({"kind":"trickle","interval_ms":0})") == "interval_ms must be an integer in 1..60000");
  CHECK(ParseError(R"({"kind":"trickle","trickle_bytes":-1})") == "trickle_bytes must be an integer in 0..65536");
}

TEST_CASE("the fault table: specific ids first, then \"*\"; times run out") {
  FaultTable table;
  table.Add(*ParseFaults(R"([{"kind":"status","status":500},
                             {"image_id":"img-m5s0f7ss4c","kind":"status","status":503,"times":2}])"));
  CHECK(table.Take("img-m5s0f7ss4c")->status == 503);
  CHECK(table.Take("img-m5s0f7ss4c")->status == 503);
  CHECK(table.Take("img-m5s0f7ss4c")->status == 500);  // the specific one is used up
  CHECK(table.Take("img-other0001")->status == 500);
  CHECK(table.List().size() == 1);
  table.Clear();
  CHECK_FALSE(table.Take("img-m5s0f7ss4c"));

  table.Add(*ParseFaults(R"({"kind":"drop","times":1})"));
  CHECK(table.Take("img-other0001"));
  CHECK_FALSE(table.Take("img-other0001"));
}

TEST_CASE("faults list as JSON with the uses left") {
  FaultTable table;
  table.Add(*ParseFaults(R"({"image_id":"img-m5s0f7ss4c","kind":"rate_limit","times":3,"retry_after":2})"));
  table.Take("img-m5s0f7ss4c");
  CHECK(FaultsToJson(table.List()) ==
        R"({"faults":[{"image_id":"img-m5s0f7ss4c","kind":"status","times_left":2,"status":429,)"
        R"("error_status":"RATE_LIMIT","retry_after":2}]})");
  CHECK(FaultsToJson(*ParseFaults(R"({"kind":"trickle","trickle_bytes":0,"interval_ms":100})")) ==
        R"({"faults":[{"image_id":"*","kind":"trickle","trickle_bytes":0,"interval_ms":100}]})");
  CHECK(FaultsToJson(*ParseFaults(R"([{"kind":"interim"},{"kind":"redirect","location":"https://x/"},)"
                                  R"({"kind":"close_after_response"},{"kind":"trickle","part":"head"}])")) ==
        R"({"faults":[{"image_id":"*","kind":"interim","status":103},)"
        R"({"image_id":"*","kind":"redirect","status":301,"location":"https://x/"},)"
        R"({"image_id":"*","kind":"close_after_response"},)"
        R"({"image_id":"*","kind":"trickle","trickle_bytes":1,"interval_ms":500,"part":"head"}]})");
}

TEST_CASE("JD error bodies and default statuses") {
  CHECK(ErrorBody("abc", 404, "NOT_FOUND", "no \"img\"") ==
        R"({"requestId":"abc","error":{"code":404,"status":"NOT_FOUND","message":"no \"img\""}})");
  CHECK(DefaultErrorStatus(400) == "INVALID_ARGUMENT");
  CHECK(DefaultErrorStatus(401) == "ACCESS_ERROR");
  CHECK(DefaultErrorStatus(403) == "PERMISSION_DENIED");
  CHECK(DefaultErrorStatus(404) == "NOT_FOUND");
  CHECK(DefaultErrorStatus(429) == "RATE_LIMIT");
  CHECK(DefaultErrorStatus(500) == "INTERNAL");
  CHECK(DefaultErrorStatus(502) == "SOURCE_UNAVAILABLE");
  CHECK(DefaultErrorStatus(503) == "UNAVAILABLE");
  CHECK(DefaultErrorStatus(504) == "DEADLINE_EXCEEDED");
  const std::string id = NewRequestId();
  CHECK(id.size() == 32);
  CHECK(id.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz") == std::string::npos);
  CHECK(NewRequestId() != id);
}

TEST_CASE("malformed bodies") {
  const std::string image = R"({"imageId":"img-m5s0f7ss4c","sizeMB":2048,"name":"n","offline":false,"dataDisks":[]})";
  auto body_for = [&](const std::string& fault_json) {
    return MalformedBodyFor(*ParseFaults(fault_json)->begin(), "rid", image);
  };
  auto parses = [](const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    return !d.HasParseError();
  };
  CHECK_FALSE(parses(body_for(R"({"kind":"malformed","body":"not_json"})")));
  const std::string truncated = body_for(R"({"kind":"malformed","body":"truncated"})");
  CHECK_FALSE(parses(truncated));
  CHECK(SuccessBody("rid", image).starts_with(truncated));
  CHECK(body_for(R"({"kind":"malformed","body":"empty"})").empty());
  CHECK(body_for(R"({"kind":"malformed","body":"missing_image"})") == R"({"requestId":"rid","result":{}})");
  CHECK(body_for(R"({"kind":"malformed","body":"missing_result"})") == R"({"requestId":"rid"})");

  CHECK(body_for(R"({"kind":"malformed","body":"wrong_types"})") ==
        R"({"requestId":"rid","result":{"image":{"imageId":"img-m5s0f7ss4c","sizeMB":"2048","name":"n","offline":false,"dataDisks":[]}}})");
  CHECK(body_for(R"({"kind":"malformed","body":"wrong_types","field":"/name"})").find(R"("name":12345)") !=
        std::string::npos);
  CHECK(body_for(R"({"kind":"malformed","body":"wrong_types","field":"/offline"})").find(R"("offline":"false")") !=
        std::string::npos);
  CHECK(body_for(R"({"kind":"malformed","body":"wrong_types","field":"/dataDisks"})").find(R"("dataDisks":{})") !=
        std::string::npos);
  CHECK(body_for(R"({"kind":"malformed","body":"wrong_types","field":"/systemDisk/cloudDisk","value":[1]})")
            .find(R"("systemDisk":{"cloudDisk":[1]})") != std::string::npos);
}

TEST_CASE("oversize bodies are valid JSON around the padding") {
  const OversizeBody parts = OversizeBodyParts("rid", "img-m5s0f7ss4c");
  const std::string text = parts.prefix + std::string(100, 'x') + parts.suffix;
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(std::string(d["result"]["image"]["desc"].GetString()) == std::string(100, 'x'));
}

TEST_CASE("the fault table by route: describeImages takes \"*\" and its own faults, list kinds from page 2") {
  FaultTable table;
  table.Add(*ParseFaults(R"([{"kind":"status","status":500,"image_id":"img-m5s0f7ss4c"},
                             {"kind":"status","status":501,"route":"describeImage","times":1},
                             {"kind":"repeat_page","times":1},
                             {"kind":"status","status":503}])"));
  CHECK(table.TakeForList(1)->status == 503);              // repeat_page waits for page 2
  CHECK(table.TakeForList(2)->kind == FaultKind::RepeatPage);
  CHECK(table.TakeForList(2)->status == 503);
  CHECK(table.Take("img-other0001")->status == 501);       // the route's own before "*"
  CHECK(table.Take("img-other0001")->status == 503);
  CHECK(table.Take("img-m5s0f7ss4c")->status == 500);      // an exact id before both
  CHECK(table.List().size() == 2);
}

TEST_CASE("describeImages bodies: the list result, malformed and oversize") {
  const std::string result = ListResult({R"({"imageId":"img-a0000001"})", R"({"imageId":"img-b0000002"})"}, 7);
  CHECK(result == R"({"images":[{"imageId":"img-a0000001"},{"imageId":"img-b0000002"}],"totalCount":7})");
  CHECK(ListResult({}, 0) == R"({"images":[],"totalCount":0})");
  auto body_for = [&](const std::string& fault_json) {
    return MalformedListBodyFor(*ParseFaults(fault_json)->begin(), "rid", result);
  };
  CHECK(body_for(R"({"kind":"malformed","body":"wrong_types"})").find(R"("totalCount":"7")") != std::string::npos);
  CHECK(body_for(R"({"kind":"malformed","body":"wrong_types","field":"/images","value":null})")
            .find(R"("images":null)") != std::string::npos);
  CHECK(body_for(R"({"kind":"malformed","body":"missing_image"})") == R"({"requestId":"rid","result":{}})");
  CHECK(ResultBody("rid", result).starts_with(body_for(R"({"kind":"malformed","body":"truncated"})")));
  const OversizeBody parts = OversizeListBodyParts("rid");
  const std::string text = parts.prefix + std::string(10, 'x') + parts.suffix;
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(std::string(d["result"]["images"][0]["desc"].GetString()) == std::string(10, 'x'));
}
