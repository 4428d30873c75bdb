#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "jdcloud/response_parser.h"

using jdcloud::ApiError;
using jdcloud::NumberText;
using jdcloud::Record;
using jdcloud::RecordList;
using jdcloud::RecordPtr;
using jdcloud::ParseDescribeImageResponse;
using jdcloud::ParseErrorResponse;
using Kind = ApiError::Kind;

namespace {

const char* const kFullImage = R"({
 "requestId": "c2ab1e0c8f4d4e2a9b7f1a3c5d7e9f01",
 "result": {"image": {
   "imageId": "img-m5s0f7ss4c", "name": "CentOS 7.9 64位", "platform": "CentOS", "osVersion": "7.9",
   "architecture": "x86_64", "systemDiskSizeGB": 40, "imageSource": "private", "osType": "linux",
   "status": "ready", "createTime": "2023-06-01T08:00:00Z", "sizeMB": 2048, "desc": "golden image",
   "launchPermission": "ownerOnly", "offline": false, "imported": true, "rootDeviceType": "cloudDisk",
   "progress": "100", "snapshotId": "snapshot-abcdefgh12", "bootMode": "uefi", "ownerPin": "jdcloud-user",
   "instanceId": "i-8yi4jyr273", "expiredTime": "", "loginName": "ignored", "serviceCode": "ignored",
   "chargeInfo": {"serviceCode": "x", "formula": ["a"]}, "hygonCapable": true,
   "systemDisk": {"diskCategory": "cloud", "autoDelete": true, "deviceName": "vda", "status": "attached",
     "cloudDisk": {"diskId": "vol-abcdefgh12", "az": "cn-north-1a", "name": "sys", "description": "root",
       "diskType": "ssd.gp1", "diskSizeGB": 40, "iops": 1800, "throughput": 150, "status": "in-use",
       "createTime": "2023-06-01T08:00:00Z", "snapshotId": "snapshot-abcdefgh12", "multiAttachable": false,
       "encrypted": true, "enabled": true, "snapshotPolicies": [],
       "attachments": [{"attachTime": "2023-06-01T08:01:00Z", "attachmentId": "att-1", "diskId": "vol-abcdefgh12",
                        "instanceId": "i-8yi4jyr273", "instanceType": "vm", "status": "attached"}],
       "charge": {"chargeMode": "postpaid_by_usage", "chargeStatus": "normal",
                  "chargeStartTime": "2023-06-01T08:00:00Z", "chargeExpiredTime": "", "chargeRetireTime": ""},
       "tags": [{"key": "env", "value": "prod"}, {"key": "team", "value": null}, {"key": null, "value": "x"}]}},
   "dataDisks": [
     {"diskCategory": "local", "autoDelete": true, "deviceName": "vdb",
      "localDisk": {"diskType": "ssd", "diskSizeGB": 100}},
     null,
     {"diskCategory": "cloud", "deviceName": "vdc", "cloudDisk": {"diskSizeGB": 9007199254740993}}]
 }}})";

ApiError Err(std::string_view body, std::string_view header_id = "") {
  auto r = ParseDescribeImageResponse(body, header_id);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

// Field accessors by attribute name: a copy of the value, or nullopt/nullptr
// when the field is absent (the API omitted it or sent null).
std::optional<std::string> Str(const Record& r, std::string_view attribute) {
  const std::string* s = r.GetString(attribute);
  return s ? std::optional<std::string>(*s) : std::nullopt;
}
std::optional<std::string> Num(const Record& r, std::string_view attribute) {
  const auto* n = std::get_if<NumberText>(&r.Get(attribute));
  return n ? std::optional<std::string>(n->text) : std::nullopt;
}
const Record* Obj(const Record& r, std::string_view attribute) {
  const auto* p = std::get_if<RecordPtr>(&r.Get(attribute));
  return p ? p->get() : nullptr;
}
const RecordList* List(const Record& r, std::string_view attribute) {
  return std::get_if<RecordList>(&r.Get(attribute));
}
bool Absent(const Record& r, std::string_view attribute) {
  return std::holds_alternative<std::monostate>(r.Get(attribute));
}

// The image of a describeImage answer whose result.image is `image_json`.
Record ImageFromJson(const std::string& image_json, const std::string& request_id = "req-1") {
  auto r = ParseDescribeImageResponse(R"({"requestId":")" + request_id + R"(","result":{"image":)" + image_json + "}}",
                                      "");
  INFO(image_json);
  REQUIRE(r.has_value());
  return std::move(r->image);
}

}  // namespace

TEST_CASE("a full image maps every field", "[parse]") {
  auto r = ParseDescribeImageResponse(kFullImage, "header-id");
  REQUIRE(r.has_value());
  CHECK(r->request_id == "c2ab1e0c8f4d4e2a9b7f1a3c5d7e9f01");  // body wins over header
  const auto& i = r->image;
  CHECK(Str(i, "id") == "img-m5s0f7ss4c");
  CHECK(Str(i, "name") == "CentOS 7.9 64位");
  CHECK(Str(i, "description") == "golden image");
  CHECK(Str(i, "architecture") == "x86_64");
  CHECK(Str(i, "os_type") == "linux");
  CHECK(Str(i, "os_version") == "7.9");
  CHECK(Str(i, "platform") == "CentOS");
  CHECK(Str(i, "image_source") == "private");
  CHECK(Str(i, "root_device_type") == "cloudDisk");
  CHECK(Str(i, "status") == "ready");
  CHECK(Str(i, "progress") == "100");
  CHECK(Str(i, "snapshot_id") == "snapshot-abcdefgh12");
  CHECK(Str(i, "create_time") == "2023-06-01T08:00:00Z");
  CHECK(Str(i, "launch_permission") == "ownerOnly");
  CHECK(Str(i, "expired_time") == "");
  CHECK(Str(i, "boot_mode") == "uefi");
  CHECK(Str(i, "owner_pin") == "jdcloud-user");
  CHECK(Str(i, "instance_id") == "i-8yi4jyr273");
  CHECK(Num(i, "size_mb") == "2048");
  CHECK(Num(i, "system_disk_size_gb") == "40");
  CHECK(i.GetBool("offline") == false);
  CHECK(i.GetBool("imported") == true);

  const Record* sd = Obj(i, "system_disk");
  REQUIRE(sd);
  CHECK(sd->GetBool("auto_delete") == true);
  CHECK(Str(*sd, "device_name") == "vda");
  CHECK(Str(*sd, "disk_category") == "cloud");
  CHECK(Str(*sd, "status") == "attached");
  CHECK_FALSE(Obj(*sd, "local_disk"));
  const Record* cd = Obj(*sd, "cloud_disk");
  REQUIRE(cd);
  CHECK(Str(*cd, "disk_id") == "vol-abcdefgh12");
  CHECK(Str(*cd, "az") == "cn-north-1a");
  CHECK(Str(*cd, "name") == "sys");
  CHECK(Str(*cd, "description") == "root");
  CHECK(Str(*cd, "disk_type") == "ssd.gp1");
  CHECK(Str(*cd, "status") == "in-use");
  CHECK(Str(*cd, "create_time") == "2023-06-01T08:00:00Z");
  CHECK(Str(*cd, "snapshot_id") == "snapshot-abcdefgh12");
  CHECK(Num(*cd, "disk_size_gb") == "40");
  CHECK(Num(*cd, "iops") == "1800");
  CHECK(Num(*cd, "throughput") == "150");
  CHECK(cd->GetBool("multi_attachable") == false);
  CHECK(cd->GetBool("encrypted") == true);
  const RecordList* attachments = List(*cd, "attachments");
  REQUIRE(attachments);
  REQUIRE(attachments->size() == 1);
  REQUIRE(attachments->front());
  const Record& a = *attachments->front();
  CHECK(Str(a, "attach_time") == "2023-06-01T08:01:00Z");
  CHECK(Str(a, "attachment_id") == "att-1");
  CHECK(Str(a, "disk_id") == "vol-abcdefgh12");
  CHECK(Str(a, "instance_id") == "i-8yi4jyr273");
  CHECK(Str(a, "instance_type") == "vm");
  CHECK(Str(a, "status") == "attached");
  const Record* charge = Obj(*cd, "charge");
  REQUIRE(charge);
  CHECK(Str(*charge, "charge_mode") == "postpaid_by_usage");
  CHECK(Str(*charge, "charge_status") == "normal");
  CHECK(Str(*charge, "charge_start_time") == "2023-06-01T08:00:00Z");
  CHECK(Str(*charge, "charge_expired_time") == "");
  CHECK(Str(*charge, "charge_retire_time") == "");
  const RecordList* tags = List(*cd, "tags");
  REQUIRE(tags);
  REQUIRE(tags->size() == 3);
  REQUIRE((*tags)[0]);
  REQUIRE((*tags)[1]);
  REQUIRE((*tags)[2]);
  CHECK(Str(*(*tags)[0], "key") == "env");
  CHECK(Str(*(*tags)[0], "value") == "prod");
  CHECK(Str(*(*tags)[1], "key") == "team");
  CHECK(Absent(*(*tags)[1], "value"));  // null value stays null for the provider to map
  CHECK(Absent(*(*tags)[2], "key"));

  const RecordList* data = List(i, "data_disks");
  REQUIRE(data);
  REQUIRE(data->size() == 3);  // the null element keeps its index
  REQUIRE((*data)[0]);
  const Record& local = *(*data)[0];
  CHECK(Str(local, "disk_category") == "local");
  const Record* local_disk = Obj(local, "local_disk");
  REQUIRE(local_disk);
  CHECK(Str(*local_disk, "disk_type") == "ssd");
  CHECK(Num(*local_disk, "disk_size_gb") == "100");
  CHECK_FALSE(Obj(local, "cloud_disk"));
  CHECK((*data)[1] == nullptr);
  REQUIRE((*data)[2]);
  const Record* cloud = Obj(*(*data)[2], "cloud_disk");
  REQUIRE(cloud);
  CHECK(Num(*cloud, "disk_size_gb") == "9007199254740993");  // beyond double precision, exactly
}

TEST_CASE("a sparse image: absent and null fields are absent, empty arrays stay empty", "[parse]") {
  auto r = ParseDescribeImageResponse(
      R"({"requestId":"r1","result":{"image":{"imageId":"img-abcdefgh12","name":null,"sizeMB":null,
          "offline":null,"systemDisk":null,"dataDisks":[],"desc":""}}})",
      "");
  REQUIRE(r.has_value());
  const auto& i = r->image;
  CHECK(Str(i, "id") == "img-abcdefgh12");
  CHECK(Absent(i, "name"));
  CHECK(Absent(i, "size_mb"));
  CHECK(Absent(i, "offline"));
  CHECK(Absent(i, "system_disk"));
  CHECK(Absent(i, "status"));
  CHECK(Absent(i, "system_disk_size_gb"));
  const RecordList* data = List(i, "data_disks");
  REQUIRE(data);
  CHECK(data->empty());
  CHECK(Str(i, "description") == "");
}

TEST_CASE("wrong JSON types are MalformedBody errors naming the field and request id", "[parse]") {
  struct Case {
    const char* image;
    const char* field;
  };
  const Case cases[] = {
      {R"({"name": 5})", "result.image.name"},
      {R"({"sizeMB": "2048"})", "result.image.sizeMB"},
      {R"({"sizeMB": true})", "result.image.sizeMB"},
      {R"({"sizeMB": [2048]})", "result.image.sizeMB"},
      {R"({"sizeMB": {"value": 2048}})", "result.image.sizeMB"},
      {R"({"systemDiskSizeGB": true})", "result.image.systemDiskSizeGB"},
      {R"({"offline": "false"})", "result.image.offline"},
      {R"({"imported": 1})", "result.image.imported"},
      {R"({"systemDisk": []})", "result.image.systemDisk"},
      {R"({"dataDisks": {}})", "result.image.dataDisks"},
      {R"({"dataDisks": ["vdb"]})", "result.image.dataDisks[0]"},
      {R"({"dataDisks": [{}, {"autoDelete": "yes"}]})", "result.image.dataDisks[1].autoDelete"},
      {R"({"systemDisk": {"cloudDisk": {"iops": "fast"}}})", "result.image.systemDisk.cloudDisk.iops"},
      {R"({"systemDisk": {"cloudDisk": {"tags": [{"key": 1}]}}})", "result.image.systemDisk.cloudDisk.tags[0].key"},
      {R"({"systemDisk": {"cloudDisk": {"charge": "prepaid"}}})", "result.image.systemDisk.cloudDisk.charge"},
      {R"({"systemDisk": {"cloudDisk": {"attachments": [{"status": false}]}}})",
       "result.image.systemDisk.cloudDisk.attachments[0].status"},
      {R"({"systemDisk": {"localDisk": {"diskSizeGB": "1e3"}}})", "result.image.systemDisk.localDisk.diskSizeGB"},
      {R"({"dataDisks": [null, {"cloudDisk": {"attachments": [null, 7]}}]})",
       "result.image.dataDisks[1].cloudDisk.attachments[1]"},
  };
  for (const auto& c : cases) {
    INFO(c.image);
    const auto body = std::string(R"({"requestId":"req-42","result":{"image":)") + c.image + "}}";
    const auto e = Err(body, "header-id");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK(e.request_id == "req-42");
    CHECK_THAT(e.message, Catch::Contains(std::string("field ") + c.field + ":"));
    CHECK_THAT(e.message, Catch::Contains("req-42"));
  }
}

TEST_CASE("bodies that are not the envelope are MalformedBody, never a crash", "[parse]") {
  const std::string full = kFullImage;
  SECTION("truncated at every length") {
    for (std::size_t n = 0; n < full.size(); n += 7) {
      auto r = ParseDescribeImageResponse(full.substr(0, n), "hdr-1");
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().kind == Kind::MalformedBody);
      CHECK(r.error().request_id == "hdr-1");  // the header id, since the body is unreadable
      CHECK_THAT(r.error().message, Catch::Contains("hdr-1"));
    }
  }
  SECTION("non-JSON") {
    const auto e = Err("<html><body>502 Bad Gateway</body></html>", "hdr-2");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK_THAT(e.message, Catch::Contains("invalid JSON"));
    CHECK_THAT(e.message, Catch::Contains("hdr-2"));
  }
  SECTION("empty body, no request id anywhere") {
    const auto e = Err("");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK_THAT(e.message, Catch::Contains("empty body"));
    CHECK_THAT(e.message, Catch::Contains("request id unknown"));
  }
  SECTION("trailing garbage") { CHECK(Err(R"({"result":{"image":{}}} x)").kind == Kind::MalformedBody); }
  SECTION("not an object") { CHECK(Err("[1,2]").kind == Kind::MalformedBody); }
  SECTION("missing result") {
    const auto e = Err(R"({"requestId":"r-9"})");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK(e.request_id == "r-9");
    CHECK_THAT(e.message, Catch::Contains("missing field result"));
  }
  SECTION("missing or null result.image") {
    CHECK_THAT(Err(R"({"result":{}})").message, Catch::Contains("missing field result.image"));
    CHECK_THAT(Err(R"({"result":{"image":null}})").message, Catch::Contains("missing field result.image"));
    CHECK_THAT(Err(R"({"result":{"image":"img"}})").message, Catch::Contains("field result.image: expected object"));
    CHECK_THAT(Err(R"({"result":[]})").message, Catch::Contains("field result: expected object"));
  }
  SECTION("wrong-typed requestId") {
    const auto e = Err(R"({"requestId":7,"result":{"image":{}}})", "hdr-3");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK(e.request_id == "hdr-3");
    CHECK_THAT(e.message, Catch::Contains("field requestId"));
  }
  SECTION("invalid UTF-8 in a string") {
    CHECK(Err("{\"result\":{\"image\":{\"name\":\"\xff\xfe\"}}}").kind == Kind::MalformedBody);
  }
  SECTION("deep nesting does not exhaust the stack") {
    // Within the tree's depth limit an unknown member is ignored however it nests...
    const std::string nested = R"({"result":{"image":{"x":)" + std::string(200, '[') + std::string(200, ']') + "}}}";
    CHECK(ParseDescribeImageResponse(nested, "").has_value());
    // ...beyond it the body is refused cleanly, never a crash.
    const std::string deep = R"({"result":{"image":{"x":)" + std::string(200000, '[') + std::string(200000, ']') + "}}}";
    const auto e = Err(deep, "hdr-deep");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK_THAT(e.message, Catch::Contains("nesting deeper than"));
    CHECK_THAT(e.message, Catch::Contains("hdr-deep"));
    CHECK(Err(std::string(500000, '[')).kind == Kind::MalformedBody);
  }
  SECTION("an error envelope on a 200 is the API's error") {
    const auto e = Err(R"({"requestId":"r-5","error":{"code":404,"status":"NOT_FOUND","message":"gone"}})");
    CHECK(e.kind == Kind::NotFound);
    CHECK(e.request_id == "r-5");
    CHECK(e.message == "gone");
  }
}

TEST_CASE("request id comes from the header when the body has none", "[parse]") {
  auto r = ParseDescribeImageResponse(R"({"result":{"image":{"imageId":"img-abcdefgh12"}}})", "hdr-id");
  REQUIRE(r.has_value());
  CHECK(r->request_id == "hdr-id");
  r = ParseDescribeImageResponse(R"({"requestId":"","result":{"image":{}}})", "hdr-id");
  REQUIRE(r.has_value());
  CHECK(r->request_id == "hdr-id");
}

TEST_CASE("error bodies fill the ApiError", "[parse]") {
  SECTION("documented shape") {
    const auto e = ParseErrorResponse(
        401, R"({"requestId":"bbf8vinuw9142j3npttfgp2kg4vf9bj7","error":{"status":"ACCESS_ERROR","code":401,"message":"lack of header authorization[gw]"}})",
        "hdr");
    CHECK(e.kind == Kind::Unauthenticated);
    CHECK(e.http_status == 401);
    CHECK(e.api_status == "ACCESS_ERROR");
    CHECK(e.message == "lack of header authorization[gw]");
    CHECK(e.request_id == "bbf8vinuw9142j3npttfgp2kg4vf9bj7");
  }
  SECTION("each status") {
    CHECK(ParseErrorResponse(404, R"({"error":{"status":"NOT_FOUND","code":404,"message":"m"}})", "").kind ==
          Kind::NotFound);
    CHECK(ParseErrorResponse(403, R"({"error":{"status":"PERMISSION_DENIED"}})", "").kind == Kind::Forbidden);
    const auto bad = ParseErrorResponse(400, R"({"error":{"code":400,"status":"INVALID_ARGUMENT","message":"bad id"}})", "");
    CHECK(bad.kind == Kind::BadRequest);
    CHECK(bad.api_status == "INVALID_ARGUMENT");
    CHECK(bad.message == "bad id");
    CHECK(ParseErrorResponse(429, R"({"error":{"status":"QUOTA_EXCEEDED"}})", "").kind == Kind::QuotaExceeded);
    CHECK(ParseErrorResponse(429, R"({"error":{"status":"RATE_LIMIT"}})", "").kind == Kind::Throttled);
    CHECK(ParseErrorResponse(503, R"({"error":{"status":"UNAVAILABLE"}})", "").kind == Kind::ServerError);
  }
  SECTION("request id from the header") {
    const auto e = ParseErrorResponse(404, R"({"error":{"status":"NOT_FOUND","message":"no"}})", "hdr-404");
    CHECK(e.request_id == "hdr-404");
  }
  SECTION("non-JSON or odd bodies still describe the status") {
    auto e = ParseErrorResponse(502, "<html>Bad Gateway</html>", "hdr");
    CHECK(e.kind == Kind::ServerError);
    CHECK(e.request_id == "hdr");
    CHECK_THAT(e.message, Catch::Contains("HTTP 502"));
    CHECK_THAT(e.message, Catch::Contains("Bad Gateway"));
    e = ParseErrorResponse(500, "", "");
    CHECK(e.message == "HTTP 500");
    e = ParseErrorResponse(400, R"({"error":{"status":5,"message":["x"]}})", "");
    CHECK(e.kind == Kind::BadRequest);
    CHECK(e.api_status.empty());
    CHECK(e.message == "HTTP 400");
    e = ParseErrorResponse(418, std::string(10000, 'x'), "");
    CHECK(e.kind == Kind::OtherHttpStatus);
    CHECK(e.message.size() < 200);  // an excerpt, not the whole body
  }
}

TEST_CASE("any JSON number is accepted for a number field and kept as its exact text", "[parse][number]") {
  // These were "expected integer" errors before: the API's answers are not ours to narrow.
  for (const char* text : {"40", "40.0", "4e1", "4E+1", "350.5", "-0", "-0.0", "2048.0", "2048.5", "1e3",
                           "9223372036854775807", "9223372036854775808", "18446744073709551615",
                           "18446744073709551616", "0.123456789012345678901234567890", "-1e-400",
                           "123456789012345678901234567890e300"}) {
    INFO(text);
    const Record image = ImageFromJson(std::string(R"({"sizeMB":)") + text +
                                       R"(,"systemDisk":{"localDisk":{"diskSizeGB":)" + text + "}}}");
    CHECK(Num(image, "size_mb") == text);
    CHECK(image.Get("size_mb") == jdcloud::FieldValue(NumberText{text}));
    const Record* sd = Obj(image, "system_disk");
    REQUIRE(sd);
    REQUIRE(Obj(*sd, "local_disk"));
    CHECK(Num(*Obj(*sd, "local_disk"), "disk_size_gb") == text);
  }
}

TEST_CASE("numbers beyond double range are valid JSON numbers too", "[parse][number]") {
  for (const char* text : {"1e400", "1e309", "-1E+400"}) {
    INFO(text);
    auto r = ParseDescribeImageResponse(std::string(R"({"result":{"image":{"sizeMB":)") + text + "}}}", "hdr");
    REQUIRE(r.has_value());
    CHECK(Num(r->image, "size_mb") == text);
  }
}

TEST_CASE("a wrong-kind value names the field path, the expected and the actual kind", "[parse]") {
  auto message = [](const std::string& image) {
    return Err(R"({"requestId":"req-kind","result":{"image":)" + image + "}}").message;
  };
  CHECK_THAT(message(R"({"sizeMB":"2048"})"), Catch::Contains("field result.image.sizeMB: expected number, got string"));
  CHECK_THAT(message(R"({"sizeMB":false})"), Catch::Contains("field result.image.sizeMB: expected number, got bool"));
  CHECK_THAT(message(R"({"name":7})"), Catch::Contains("field result.image.name: expected string, got number"));
  CHECK_THAT(message(R"({"offline":{}})"), Catch::Contains("field result.image.offline: expected bool, got object"));
  CHECK_THAT(message(R"({"dataDisks":[{}, "x"]})"),
             Catch::Contains("field result.image.dataDisks[1]: expected object, got string"));
  CHECK_THAT(message(R"({"systemDisk":{"cloudDisk":{"tags":{}}}})"),
             Catch::Contains("field result.image.systemDisk.cloudDisk.tags: expected array, got object"));
  CHECK_THAT(message(R"({"sizeMB":"2048"})"), Catch::Contains("request id req-kind"));
}

TEST_CASE("a duplicated member counts as its last occurrence", "[parse][duplicate]") {
  SECTION("an image field") {
    const Record image = ImageFromJson(R"({"name":"first","sizeMB":1,"name":"second","sizeMB":2})");
    CHECK(Str(image, "name") == "second");
    CHECK(Num(image, "size_mb") == "2");
  }
  SECTION("a last null makes the field absent") {
    CHECK(Absent(ImageFromJson(R"({"name":"first","name":null})"), "name"));
  }
  SECTION("only the last occurrence's kind is judged") {
    CHECK(Num(ImageFromJson(R"({"sizeMB":"big","sizeMB":5})"), "size_mb") == "5");
    const auto e = Err(R"({"requestId":"req-dup","result":{"image":{"sizeMB":5,"sizeMB":"big"}}})");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK_THAT(e.message, Catch::Contains("field result.image.sizeMB: expected number, got string"));
  }
  SECTION("a nested field") {
    const Record image = ImageFromJson(
        R"({"systemDisk":{"deviceName":"vda","cloudDisk":{"diskSizeGB":40,"diskId":"vol-a","diskSizeGB":80},"deviceName":"vdz"}})");
    const Record* sd = Obj(image, "system_disk");
    REQUIRE(sd);
    CHECK(Str(*sd, "device_name") == "vdz");
    REQUIRE(Obj(*sd, "cloud_disk"));
    CHECK(Num(*Obj(*sd, "cloud_disk"), "disk_size_gb") == "80");
    CHECK(Str(*Obj(*sd, "cloud_disk"), "disk_id") == "vol-a");
  }
  SECTION("a duplicated object is the last one whole, not a merge") {
    const Record image = ImageFromJson(R"({"systemDisk":{"deviceName":"vda","status":"attached"},
                                           "systemDisk":{"deviceName":"vdb"}})");
    const Record* sd = Obj(image, "system_disk");
    REQUIRE(sd);
    CHECK(Str(*sd, "device_name") == "vdb");
    CHECK(Absent(*sd, "status"));
  }
  SECTION("the envelope: requestId, result and result.image") {
    auto r = ParseDescribeImageResponse(
        R"({"requestId":"req-first","result":{"image":{"name":"a"}},"requestId":"req-last",
            "result":{"image":{"name":"b"},"image":{"name":"c"}}})",
        "hdr");
    REQUIRE(r.has_value());
    CHECK(r->request_id == "req-last");
    CHECK(Str(r->image, "name") == "c");
  }
  SECTION("an error body's error.message and error.status") {
    const auto e = ParseErrorResponse(
        429, R"({"requestId":"r-a","error":{"status":"QUOTA_EXCEEDED","message":"first","status":"RATE_LIMIT",
                 "message":"second"},"requestId":"r-b"})",
        "hdr");
    CHECK(e.api_status == "RATE_LIMIT");
    CHECK(e.kind == Kind::Throttled);  // judged on the last status, not the first
    CHECK(e.message == "second");
    CHECK(e.request_id == "r-b");
  }
  SECTION("a duplicated error object on a 2xx") {
    const auto e = Err(R"({"requestId":"r-5","error":{"code":500,"status":"INTERNAL","message":"early"},
                           "error":{"code":404,"status":"NOT_FOUND","message":"gone"}})");
    CHECK(e.kind == Kind::NotFound);
    CHECK(e.message == "gone");
  }
}

TEST_CASE("null elements of arrays stay at their index", "[parse][null]") {
  const Record image = ImageFromJson(R"({"dataDisks":[null,{"deviceName":"vdb",
      "cloudDisk":{"attachments":[{"attachmentId":"att-0"},null,{"attachmentId":"att-2"},null]}},null]})");
  const RecordList* data = List(image, "data_disks");
  REQUIRE(data);
  REQUIRE(data->size() == 3);
  CHECK((*data)[0] == nullptr);
  REQUIRE((*data)[1]);
  CHECK((*data)[2] == nullptr);
  CHECK(Str(*(*data)[1], "device_name") == "vdb");
  const Record* cloud = Obj(*(*data)[1], "cloud_disk");
  REQUIRE(cloud);
  const RecordList* attachments = List(*cloud, "attachments");
  REQUIRE(attachments);
  REQUIRE(attachments->size() == 4);
  REQUIRE((*attachments)[0]);
  CHECK(Str(*(*attachments)[0], "attachment_id") == "att-0");
  CHECK((*attachments)[1] == nullptr);
  REQUIRE((*attachments)[2]);
  CHECK(Str(*(*attachments)[2], "attachment_id") == "att-2");
  CHECK((*attachments)[3] == nullptr);

  const Record nulls = ImageFromJson(R"({"dataDisks":[null,null]})");
  const RecordList* only_nulls = List(nulls, "data_disks");
  REQUIRE(only_nulls);
  CHECK(*only_nulls == RecordList{nullptr, nullptr});
}

TEST_CASE("an answer for another image than the one asked for is refused", "[parse][image-id]") {
  auto parsed = [](const std::string& body) {
    auto r = ParseDescribeImageResponse(body, "hdr-id");
    REQUIRE(r.has_value());
    return std::move(*r);
  };
  SECTION("the same id passes unchanged") {
    auto r = jdcloud::RequireRequestedImage(
        parsed(R"({"requestId":"req-same","result":{"image":{"imageId":"img-abcdefgh12","name":"n"}}})"),
        "img-abcdefgh12");
    REQUIRE(r.has_value());
    CHECK(r->request_id == "req-same");
    CHECK(Str(r->image, "name") == "n");
  }
  SECTION("no imageId at all passes") {
    CHECK(jdcloud::RequireRequestedImage(parsed(R"({"result":{"image":{"name":"n"}}})"), "img-abcdefgh12")
              .has_value());
  }
  SECTION("another id is a MalformedBody error naming both ids and the request id") {
    auto r = jdcloud::RequireRequestedImage(
        parsed(R"({"requestId":"req-wrong","result":{"image":{"imageId":"img-other00001"}}})"), "img-abcdefgh12");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == Kind::MalformedBody);
    CHECK(r.error().request_id == "req-wrong");
    CHECK_THAT(r.error().message, Catch::Contains("img-other00001"));
    CHECK_THAT(r.error().message, Catch::Contains("img-abcdefgh12"));
    CHECK_THAT(r.error().message, Catch::Contains("req-wrong"));
  }
  SECTION("the id that counts is the last occurrence, compared exactly") {
    CHECK_FALSE(jdcloud::RequireRequestedImage(
                    parsed(R"({"result":{"image":{"imageId":"img-abcdefgh12","imageId":"img-zzzzzzzz99"}}})"),
                    "img-abcdefgh12")
                    .has_value());
    CHECK_FALSE(jdcloud::RequireRequestedImage(parsed(R"({"result":{"image":{"imageId":"IMG-ABCDEFGH12"}}})"),
                                               "img-abcdefgh12")
                    .has_value());
    CHECK_FALSE(jdcloud::RequireRequestedImage(parsed(R"({"result":{"image":{"imageId":""}}})"), "img-abcdefgh12")
                    .has_value());
  }
}

namespace {

std::expected<jdcloud::ImagesPage, ApiError> ParsePage(std::string_view body, std::string_view header_id = "") {
  return jdcloud::ParseDescribeImagesResponse(body, header_id);
}

ApiError PageErr(std::string_view body, std::string_view header_id = "") {
  auto r = ParsePage(body, header_id);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

}  // namespace

TEST_CASE("a describeImages page maps each image as describeImage does", "[parse][images]") {
  auto page = ParsePage(R"({"requestId":"req-list","result":{"totalCount":2,"images":[
      {"imageId":"img-a","name":"CentOS 7.9","platform":"CentOS","createTime":"2024-01-01T00:00:00Z","sizeMB":350.5},
      {"imageId":"img-b","name":"Ubuntu","dataDisks":[null]}]}})");
  REQUIRE(page.has_value());
  CHECK(page->request_id == "req-list");
  CHECK(page->total_count == 2);
  CHECK(page->listed == 2);
  REQUIRE(page->images.size() == 2);
  CHECK(Str(page->images[0], "name") == "CentOS 7.9");
  CHECK(Str(page->images[0], "create_time") == "2024-01-01T00:00:00Z");
  CHECK(Num(page->images[0], "size_mb") == "350.5");
  CHECK(Str(page->images[1], "id") == "img-b");
}

TEST_CASE("a describeImages page without images is an empty page", "[parse][images]") {
  for (const char* body : {R"({"requestId":"r","result":{"totalCount":0}})",
                           R"({"requestId":"r","result":{"totalCount":0,"images":null}})",
                           R"({"requestId":"r","result":{"totalCount":0,"images":[]}})"}) {
    INFO(body);
    auto page = ParsePage(body);
    REQUIRE(page.has_value());
    CHECK(page->images.empty());
    CHECK(page->listed == 0);
  }
}

TEST_CASE("totalCount is any whole number, however it is spelled", "[parse][images]") {
  for (const auto& [text, count] : std::vector<std::pair<std::string, std::int64_t>>{
           {"230", 230}, {"230.0", 230}, {"2.3e2", 230}, {"0", 0}, {"-0", 0}, {"1E4", 10000}}) {
    INFO(text);
    auto page = ParsePage(R"({"requestId":"r","result":{"totalCount":)" + text + R"(,"images":[]}})");
    REQUIRE(page.has_value());
    CHECK(page->total_count == count);
  }
}

TEST_CASE("a totalCount that is no count is malformed, naming the field", "[parse][images]") {
  for (const char* total : {"-1", "1.5", "\"230\"", "null", "1e300", "true"}) {
    INFO(total);
    const auto e = PageErr(std::string(R"({"requestId":"req-t","result":{"images":[],"totalCount":)") + total + "}}");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK(e.request_id == "req-t");
    CHECK_THAT(e.message, Catch::Contains("describeImages") && Catch::Contains("result.totalCount"));
  }
}

TEST_CASE("a describeImages list that is not a list of images is malformed, naming the element", "[parse][images]") {
  struct Case {
    const char* body;
    const char* names;
  };
  for (const Case& c : {
           Case{R"({"requestId":"r","result":{"totalCount":1,"images":{"imageId":"img-a"}}})", "result.images"},
           Case{R"({"requestId":"r","result":{"totalCount":2,"images":[{"imageId":"img-a"},"img-b"]}})",
                "result.images[1]"},
           Case{R"({"requestId":"r","result":{"totalCount":1,"images":[{"name":"no id"}]}})", "result.images[0]"},
           Case{R"({"requestId":"r","result":{"totalCount":1,"images":[{"imageId":"img-a","sizeMB":"big"}]}})",
                "result.images[0].sizeMB"},
           Case{R"({"requestId":"r","result":[]})", "result"},
           Case{R"({"requestId":"r"})", "result"},
       }) {
    INFO(c.body);
    const auto e = PageErr(c.body);
    CHECK(e.kind == Kind::MalformedBody);
    CHECK_THAT(e.message, Catch::Contains(c.names) && Catch::Contains("request id r"));
  }
}

TEST_CASE("a describeImages body that is no JSON names the header request id", "[parse][images]") {
  for (const char* body : {"", "<html>gateway</html>", R"({"result":{"totalCount":1,"images":[)", "[]"}) {
    INFO(body);
    const auto e = PageErr(body, "hdr-7");
    CHECK(e.kind == Kind::MalformedBody);
    CHECK(e.request_id == "hdr-7");
    CHECK_THAT(e.message, Catch::Contains("describeImages"));
  }
}

TEST_CASE("an error envelope on a 2xx describeImages answer is the API's error", "[parse][images]") {
  const auto e = PageErr(R"({"requestId":"req-e","error":{"code":400,"status":"INVALID_ARGUMENT","message":"bad"}})");
  CHECK(e.kind == Kind::BadRequest);
  CHECK(e.request_id == "req-e");
}
