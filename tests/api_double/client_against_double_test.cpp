// A few end-to-end checks of the project's jdcloud::Client against the double
// over real loopback HTTP: both ends agree on signing, the fixtures parse, and
// the double's counts match the client's attempts. (The client's own suite
// covers every fault in depth.)
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <variant>

#include "jdcloud/client.h"
#include "test_support.h"

using namespace api_double;
using namespace api_double::testing;
using Kind = jdcloud::ApiError::Kind;

namespace {

std::unique_ptr<jdcloud::Client> ClientFor(const ApiDouble& server, std::string secret = kDefaultSecretKey,
                                           int max_retries = 3) {
  jdcloud::ClientOptions options;
  options.endpoint = server.endpoint();
  options.max_retries = max_retries;
  options.request_timeout = std::chrono::milliseconds(5000);
  options.user_agent = "terraform-provider-jdcloud/test terraform/1.11.0";
  auto client = jdcloud::Client::Create(options, {kDefaultAccessKey, std::move(secret)});
  REQUIRE(client);
  return std::move(*client);
}

std::optional<std::string> Str(const jdcloud::Record& r, std::string_view attribute) {
  const std::string* s = r.GetString(attribute);
  return s ? std::optional<std::string>(*s) : std::nullopt;
}
std::optional<std::string> Num(const jdcloud::Record& r, std::string_view attribute) {
  const auto* n = std::get_if<jdcloud::NumberText>(&r.Get(attribute));
  return n ? std::optional<std::string>(n->text) : std::nullopt;
}
const jdcloud::Record* Obj(const jdcloud::Record& r, std::string_view attribute) {
  const auto* p = std::get_if<jdcloud::RecordPtr>(&r.Get(attribute));
  return p ? p->get() : nullptr;
}
const jdcloud::RecordList* List(const jdcloud::Record& r, std::string_view attribute) {
  return std::get_if<jdcloud::RecordList>(&r.Get(attribute));
}

}  // namespace

TEST_CASE("client: the full fixture arrives signed, parsed and counted once") {
  auto server = StartDouble();
  auto client = ClientFor(*server);
  jdcloud::Cancellation cancel;
  auto result = client->DescribeImage("cn-north-1", "img-m5s0f7ss4c", cancel);
  REQUIRE(result);
  CHECK(result->request_id.size() == 32);
  const jdcloud::Image& image = result->image;
  CHECK(Str(image, "id") == "img-m5s0f7ss4c");
  CHECK(image.Get("size_mb") == jdcloud::FieldValue(jdcloud::NumberText{"2048"}));
  CHECK(Str(image, "root_device_type") == "cloudDisk");
  const jdcloud::Record* system_disk = Obj(image, "system_disk");
  REQUIRE(system_disk);
  const jdcloud::Record* cloud_disk = Obj(*system_disk, "cloud_disk");
  REQUIRE(cloud_disk);
  REQUIRE(List(*cloud_disk, "attachments"));
  CHECK(List(*cloud_disk, "attachments")->size() == 2);
  REQUIRE(List(*cloud_disk, "tags"));
  CHECK(List(*cloud_disk, "tags")->size() == 6);
  REQUIRE(Obj(*cloud_disk, "charge"));
  CHECK(Str(*Obj(*cloud_disk, "charge"), "charge_mode") == "postpaid_by_duration");
  REQUIRE(List(image, "data_disks"));
  CHECK(List(image, "data_disks")->size() == 2);
  const auto stats = server->stats().Snapshot();
  CHECK(stats.total == 1);
  CHECK(stats.user_agents.at("terraform-provider-jdcloud/test terraform/1.11.0") == 1);
}

TEST_CASE("client: 503 twice then 200 costs three attempts; 404 and 401 one each") {
  auto server = StartDouble();
  auto client = ClientFor(*server);
  jdcloud::Cancellation cancel;
  REQUIRE(AddFaults(*server, R"({"image_id":"img-h8ly274zg9","kind":"status","status":503,"times":2})") == 200);
  auto retried = client->DescribeImage("cn-north-1", "img-h8ly274zg9", cancel);
  REQUIRE(retried);
  CHECK(Str(retried->image, "root_device_type") == "localDisk");
  CHECK(server->stats().Snapshot().images.at("img-h8ly274zg9") == 3);

  auto missing = client->DescribeImage("cn-north-1", "img-doesnotexist", cancel);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == Kind::NotFound);
  CHECK(missing.error().attempts == 1);
  CHECK(missing.error().request_id.size() == 32);

  auto wrong_secret = ClientFor(*server, "SKWRONG")->DescribeImage("cn-north-1", "img-m5s0f7ss4c", cancel);
  REQUIRE_FALSE(wrong_secret);
  CHECK(wrong_secret.error().kind == Kind::Unauthenticated);
  CHECK(wrong_secret.error().attempts == 1);
  CHECK(wrong_secret.error().message.find("SKWRONG") == std::string::npos);
  CHECK(server->stats().Snapshot().outcomes.at("401") == 1);
}

TEST_CASE("client: sequential reads reuse one keep-alive connection") {
  auto server = StartDouble();
  auto client = ClientFor(*server);
  jdcloud::Cancellation cancel;
  for (int i = 0; i < 100; ++i) REQUIRE(client->DescribeImage("cn-north-1", "img-m5s0f7ss4c", cancel));
  const auto stats = server->stats().Snapshot();
  CHECK(stats.total == 100);
  CHECK(stats.connections == 1);
}

TEST_CASE("client: broken bodies are typed errors naming the request id, never retried") {
  auto server = StartDouble();
  auto client = ClientFor(*server);
  jdcloud::Cancellation cancel;
  REQUIRE(AddFaults(*server, R"([{"kind":"malformed","body":"wrong_types","times":1},{"kind":"oversize","times":1}])") ==
          200);
  auto wrong = client->DescribeImage("cn-north-1", "img-m5s0f7ss4c", cancel);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().kind == Kind::MalformedBody);
  CHECK(wrong.error().request_id.size() == 32);
  auto huge = client->DescribeImage("cn-north-1", "img-m5s0f7ss4c", cancel);
  REQUIRE_FALSE(huge);
  CHECK(huge.error().kind == Kind::ResponseTooLarge);
  CHECK(server->stats().Snapshot().total == 2);
}

TEST_CASE("client: a dropped connection is a network failure, retried") {
  auto server = StartDouble();
  auto client = ClientFor(*server, kDefaultSecretKey, 1);
  jdcloud::Cancellation cancel;
  REQUIRE(AddFaults(*server, R"({"kind":"drop"})") == 200);
  auto dropped = client->DescribeImage("cn-north-1", "img-m5s0f7ss4c", cancel);
  REQUIRE_FALSE(dropped);
  CHECK(dropped.error().kind == Kind::Network);
  CHECK(dropped.error().attempts == 2);
  CHECK(server->stats().Snapshot().outcomes.at("dropped") == 2);
}

TEST_CASE("client: the numbers fixture arrives exactly as written: every spelling, nulls, last duplicates") {
  auto server = StartDouble();
  auto client = ClientFor(*server);
  jdcloud::Cancellation cancel;
  auto result = client->DescribeImage("cn-north-1", "img-numbers001", cancel);
  REQUIRE(result);
  const jdcloud::Image& image = result->image;
  CHECK(Str(image, "name") == "numbers-as-the-api-writes-them");  // the last of two "name" members
  CHECK(Str(image, "status") == "ready");
  CHECK(Num(image, "size_mb") == "350.5");
  CHECK(Num(image, "system_disk_size_gb") == "40.0");
  CHECK(Str(image, "expired_time") == "9999-12-31T23:59:59Z");
  const jdcloud::Record* system_disk = Obj(image, "system_disk");
  REQUIRE(system_disk);
  const jdcloud::Record* cloud_disk = Obj(*system_disk, "cloud_disk");
  REQUIRE(cloud_disk);
  CHECK(Num(*cloud_disk, "disk_size_gb") == "4e1");
  CHECK(Num(*cloud_disk, "iops") == "18446744073709551616");
  CHECK(Num(*cloud_disk, "throughput") == "0.123456789012345678901234567891");
  const jdcloud::RecordList* attachments = List(*cloud_disk, "attachments");
  REQUIRE(attachments);
  REQUIRE(attachments->size() == 3);
  CHECK((*attachments)[0] == nullptr);
  REQUIRE((*attachments)[1]);
  CHECK(Str(*(*attachments)[1], "attachment_id") == "att-1");
  CHECK((*attachments)[2] == nullptr);
  const jdcloud::RecordList* data_disks = List(image, "data_disks");
  REQUIRE(data_disks);
  REQUIRE(data_disks->size() == 3);
  REQUIRE((*data_disks)[0]);
  REQUIRE(Obj(*(*data_disks)[0], "local_disk"));
  CHECK(Num(*Obj(*(*data_disks)[0], "local_disk"), "disk_size_gb") == "-0.0");
  CHECK((*data_disks)[1] == nullptr);
  REQUIRE((*data_disks)[2]);
  REQUIRE(Obj(*(*data_disks)[2], "cloud_disk"));
  CHECK(Num(*Obj(*(*data_disks)[2], "cloud_disk"), "disk_size_gb") == "18446744073709551615");
  CHECK(Num(*Obj(*(*data_disks)[2], "cloud_disk"), "iops") == "-9223372036854775809");
}

TEST_CASE("client: an image the double answers as another image is refused, naming both ids") {
  auto server = StartDouble();
  auto client = ClientFor(*server);
  jdcloud::Cancellation cancel;
  httplib::Client control("127.0.0.1", server->port());
  auto added = control.Put("/__double/images/img-imposter01",
                            R"({"imageId":"img-m5s0f7ss4c","name":"someone else","status":"ready"})",
                            "application/json");
  REQUIRE(added);
  REQUIRE(added->status / 100 == 2);
  auto result = client->DescribeImage("cn-north-1", "img-imposter01", cancel);
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == Kind::MalformedBody);
  CHECK(result.error().request_id.size() == 32);
  CHECK_THAT(result.error().message, Catch::Contains("img-imposter01"));
  CHECK_THAT(result.error().message, Catch::Contains("img-m5s0f7ss4c"));
  CHECK_THAT(result.error().message, Catch::Contains(result.error().request_id));
  CHECK(server->stats().Snapshot().images.at("img-imposter01") == 1);  // not retried
}

TEST_CASE("client: a public search of the catalog is three signed pages, 237 images, each once") {
  auto server = StartDouble({.fixtures_dir = CatalogDir()});
  auto client = ClientFor(*server);
  jdcloud::Cancellation cancel;
  jdcloud::ImageSearch search;
  search.image_source = "public";
  auto result = client->DescribeImages("cn-north-1", search, cancel);
  REQUIRE(result);
  CHECK(result->images.size() == 237);  // make-image-catalog.py: 240 public, 3 withdrawn
  CHECK(result->calls == 3);
  const auto stats = server->stats().Snapshot();
  CHECK(stats.routes.at("describeImages") == 3);
  CHECK(stats.outcomes.at("200") == 3);
  for (const auto& image : result->images) CHECK(Str(image, "image_source") == "public");
}

TEST_CASE("client: the double's lying pages end a search with the request id, not a loop") {
  for (const char* fault : {R"({"kind":"total_count_mismatch"})", R"({"kind":"repeat_page"})"}) {
    INFO(fault);
    auto server = StartDouble({.fixtures_dir = CatalogDir()});
    REQUIRE(AddFaults(*server, fault) == 200);
    jdcloud::Cancellation cancel;
    jdcloud::ImageSearch search;
    search.image_source = "public";
    auto result = ClientFor(*server)->DescribeImages("cn-north-1", search, cancel);
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == Kind::MalformedBody);
    CHECK(result.error().request_id.size() == 32);
    CHECK(result.error().attempts == 1);
    CHECK(server->stats().Snapshot().routes.at("describeImages") == 2);
  }
}
