#include <catch2/catch.hpp>

#include <string>

#include "jdcloud/response_parser.h"

using jdcloud::ApiError;
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

}  // namespace

TEST_CASE("a full image maps every field", "[parse]") {
  auto r = ParseDescribeImageResponse(kFullImage, "header-id");
  REQUIRE(r.has_value());
  CHECK(r->request_id == "c2ab1e0c8f4d4e2a9b7f1a3c5d7e9f01");  // body wins over header
  const auto& i = r->image;
  CHECK(i.image_id == "img-m5s0f7ss4c");
  CHECK(i.name == "CentOS 7.9 64位");
  CHECK(i.desc == "golden image");
  CHECK(i.architecture == "x86_64");
  CHECK(i.os_type == "linux");
  CHECK(i.os_version == "7.9");
  CHECK(i.platform == "CentOS");
  CHECK(i.image_source == "private");
  CHECK(i.root_device_type == "cloudDisk");
  CHECK(i.status == "ready");
  CHECK(i.progress == "100");
  CHECK(i.snapshot_id == "snapshot-abcdefgh12");
  CHECK(i.create_time == "2023-06-01T08:00:00Z");
  CHECK(i.launch_permission == "ownerOnly");
  CHECK(i.expired_time == "");
  CHECK(i.boot_mode == "uefi");
  CHECK(i.owner_pin == "jdcloud-user");
  CHECK(i.instance_id == "i-8yi4jyr273");
  CHECK(i.size_mb == 2048);
  CHECK(i.system_disk_size_gb == 40);
  CHECK(i.offline == false);
  CHECK(i.imported == true);

  REQUIRE(i.system_disk);
  const auto& sd = *i.system_disk;
  CHECK(sd.auto_delete == true);
  CHECK(sd.device_name == "vda");
  CHECK(sd.disk_category == "cloud");
  CHECK(sd.status == "attached");
  CHECK_FALSE(sd.local_disk);
  REQUIRE(sd.cloud_disk);
  const auto& cd = *sd.cloud_disk;
  CHECK(cd.disk_id == "vol-abcdefgh12");
  CHECK(cd.az == "cn-north-1a");
  CHECK(cd.name == "sys");
  CHECK(cd.description == "root");
  CHECK(cd.disk_type == "ssd.gp1");
  CHECK(cd.status == "in-use");
  CHECK(cd.create_time == "2023-06-01T08:00:00Z");
  CHECK(cd.snapshot_id == "snapshot-abcdefgh12");
  CHECK(cd.disk_size_gb == 40);
  CHECK(cd.iops == 1800);
  CHECK(cd.throughput == 150);
  CHECK(cd.multi_attachable == false);
  CHECK(cd.encrypted == true);
  REQUIRE(cd.attachments);
  REQUIRE(cd.attachments->size() == 1);
  const auto& a = cd.attachments->front();
  CHECK(a.attach_time == "2023-06-01T08:01:00Z");
  CHECK(a.attachment_id == "att-1");
  CHECK(a.disk_id == "vol-abcdefgh12");
  CHECK(a.instance_id == "i-8yi4jyr273");
  CHECK(a.instance_type == "vm");
  CHECK(a.status == "attached");
  REQUIRE(cd.charge);
  CHECK(cd.charge->charge_mode == "postpaid_by_usage");
  CHECK(cd.charge->charge_status == "normal");
  CHECK(cd.charge->charge_start_time == "2023-06-01T08:00:00Z");
  CHECK(cd.charge->charge_expired_time == "");
  CHECK(cd.charge->charge_retire_time == "");
  REQUIRE(cd.tags);
  REQUIRE(cd.tags->size() == 3);
  CHECK((*cd.tags)[0].key == "env");
  CHECK((*cd.tags)[0].value == "prod");
  CHECK((*cd.tags)[1].key == "team");
  CHECK_FALSE((*cd.tags)[1].value);  // null value stays null for the provider to map
  CHECK_FALSE((*cd.tags)[2].key);

  REQUIRE(i.data_disks);
  REQUIRE(i.data_disks->size() == 2);  // the null element carries nothing
  const auto& local = (*i.data_disks)[0];
  CHECK(local.disk_category == "local");
  REQUIRE(local.local_disk);
  CHECK(local.local_disk->disk_type == "ssd");
  CHECK(local.local_disk->disk_size_gb == 100);
  CHECK_FALSE(local.cloud_disk);
  CHECK((*i.data_disks)[1].cloud_disk->disk_size_gb == 9007199254740993LL);  // beyond double precision
}

TEST_CASE("a sparse image: absent and null fields are absent, empty arrays stay empty", "[parse]") {
  auto r = ParseDescribeImageResponse(
      R"({"requestId":"r1","result":{"image":{"imageId":"img-abcdefgh12","name":null,"sizeMB":null,
          "offline":null,"systemDisk":null,"dataDisks":[],"desc":""}}})",
      "");
  REQUIRE(r.has_value());
  const auto& i = r->image;
  CHECK(i.image_id == "img-abcdefgh12");
  CHECK_FALSE(i.name);
  CHECK_FALSE(i.size_mb);
  CHECK_FALSE(i.offline);
  CHECK_FALSE(i.system_disk);
  CHECK_FALSE(i.status);
  CHECK_FALSE(i.system_disk_size_gb);
  REQUIRE(i.data_disks);
  CHECK(i.data_disks->empty());
  CHECK(i.desc == "");
}

TEST_CASE("wrong JSON types are MalformedBody errors naming the field and request id", "[parse]") {
  struct Case {
    const char* image;
    const char* field;
  };
  const Case cases[] = {
      {R"({"name": 5})", "result.image.name"},
      {R"({"sizeMB": "2048"})", "result.image.sizeMB"},
      {R"({"sizeMB": 2048.0})", "result.image.sizeMB"},
      {R"({"sizeMB": 2048.5})", "result.image.sizeMB"},
      {R"({"sizeMB": 18446744073709551615})", "result.image.sizeMB"},
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
      {R"({"systemDisk": {"localDisk": {"diskSizeGB": 1e3}}})", "result.image.systemDisk.localDisk.diskSizeGB"},
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
    CHECK_THAT(e.message, Catch::Contains("not valid JSON"));
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
    const std::string deep = R"({"result":{"image":{"x":)" + std::string(200000, '[') + std::string(200000, ']') + "}}}";
    auto r = ParseDescribeImageResponse(deep, "");
    CHECK(r.has_value());  // unknown member, ignored
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
