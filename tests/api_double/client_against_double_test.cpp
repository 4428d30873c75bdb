// A few end-to-end checks of the project's jdcloud::Client against the double
// over real loopback HTTP: both ends agree on signing, the fixtures parse, and
// the double's counts match the client's attempts. (The client's own suite
// covers every fault in depth.)
#include <catch2/catch.hpp>

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

}  // namespace

TEST_CASE("client: the full fixture arrives signed, parsed and counted once") {
  auto server = StartDouble();
  auto client = ClientFor(*server);
  jdcloud::Cancellation cancel;
  auto result = client->DescribeImage("cn-north-1", "img-m5s0f7ss4c", cancel);
  REQUIRE(result);
  CHECK(result->request_id.size() == 32);
  const jdcloud::Image& image = result->image;
  CHECK(image.image_id == "img-m5s0f7ss4c");
  CHECK(image.size_mb == 2048);
  CHECK(image.root_device_type == "cloudDisk");
  REQUIRE(image.system_disk);
  REQUIRE(image.system_disk->cloud_disk);
  REQUIRE(image.system_disk->cloud_disk->attachments);
  CHECK(image.system_disk->cloud_disk->attachments->size() == 2);
  REQUIRE(image.system_disk->cloud_disk->tags);
  CHECK(image.system_disk->cloud_disk->tags->size() == 6);
  CHECK(image.system_disk->cloud_disk->charge->charge_mode == "postpaid_by_duration");
  REQUIRE(image.data_disks);
  CHECK(image.data_disks->size() == 2);
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
  CHECK(retried->image.root_device_type == "localDisk");
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
