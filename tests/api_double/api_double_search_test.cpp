// describeImages on the API double over real loopback HTTP: every filter,
// paging and totalCount against the generated catalog (tests/fixtures/catalog,
// checked against an oracle read from the files themselves), parameter
// errors, the signature over the query, the list faults and the statistics.
#include <rapidjson/document.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

using namespace api_double;
using namespace api_double::testing;

namespace {

constexpr const char* kRegion = "cn-north-1";
constexpr std::size_t kPublicOnline = 237;  // make-image-catalog.py: 240 public, 3 withdrawn

// What the oracle knows of one catalog image, read from its file.
struct CatalogImage {
  std::string id;
  std::map<std::string, std::string> strings;
  bool offline = false;
  std::string Get(const std::string& member) const {
    auto it = strings.find(member);
    return it == strings.end() ? "" : it->second;
  }
};

const std::vector<CatalogImage>& Catalog() {
  static const std::vector<CatalogImage> images = [] {
    std::vector<CatalogImage> out;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(CatalogDir()) / "images")) {
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      rapidjson::Document doc;
      doc.Parse(text.str().c_str());
      CatalogImage image;
      image.id = entry.path().stem().string();
      for (auto m = doc.MemberBegin(); m != doc.MemberEnd(); ++m)
        if (m->value.IsString()) image.strings[m->name.GetString()] = m->value.GetString();
      image.offline = doc.HasMember("offline") && doc["offline"].IsTrue();
      out.push_back(std::move(image));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  }();
  return images;
}

// The catalog ids (ascending) that `keep` selects.
std::vector<std::string> Expected(const std::function<bool(const CatalogImage&)>& keep) {
  std::vector<std::string> ids;
  for (const auto& image : Catalog())
    if (keep(image)) ids.push_back(image.id);
  return ids;
}

bool PublicOnline(const CatalogImage& i) { return i.Get("imageSource") == "public" && !i.offline; }

std::unique_ptr<ApiDouble> StartCatalog() { return StartDouble({.fixtures_dir = CatalogDir()}); }

struct Page {
  std::vector<std::string> ids;
  std::uint64_t total_count = 0;
};

// One describeImages call that must succeed.
Page List(const ApiDouble& server, const jdcloud::QueryParams& params, const std::string& region = kRegion) {
  auto res = DescribeImages(server, region, params);
  REQUIRE(res);
  INFO(res->body.substr(0, 300));
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  const auto doc = ParseJson(res->body);
  REQUIRE(doc["requestId"].IsString());
  CHECK(res->get_header_value("x-jdcloud-request-id") == doc["requestId"].GetString());
  Page page;
  REQUIRE(doc["result"]["totalCount"].IsUint64());
  page.total_count = doc["result"]["totalCount"].GetUint64();
  for (const auto& image : doc["result"]["images"].GetArray()) page.ids.emplace_back(image["imageId"].GetString());
  return page;
}

// Every page at pageSize 100, as the provider collects them.
std::vector<std::string> ListAll(const ApiDouble& server, jdcloud::QueryParams params,
                                 const std::string& region = kRegion) {
  std::vector<std::string> ids;
  params.emplace_back("pageSize", "100");
  for (int number = 1;; ++number) {
    auto with_page = params;
    with_page.emplace_back("pageNumber", std::to_string(number));
    const Page page = List(server, with_page, region);
    ids.insert(ids.end(), page.ids.begin(), page.ids.end());
    if (ids.size() >= page.total_count || page.ids.size() < 100) return ids;
  }
}

void CheckBadRequest(const httplib::Result& res, const std::string& message_part) {
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == 400);
  const auto doc = ParseJson(res->body);
  CHECK(doc["error"]["code"].GetInt() == 400);
  CHECK(std::string(doc["error"]["status"].GetString()) == "INVALID_ARGUMENT");
  CHECK_THAT(doc["error"]["message"].GetString(), Catch::Contains(message_part));
  CHECK(res->get_header_value("x-jdcloud-request-id") == doc["requestId"].GetString());
}

std::string ErrorMessage(const httplib::Result& res) {
  REQUIRE(res);
  return ParseJson(res->body)["error"]["message"].GetString();
}

}  // namespace

TEST_CASE("the catalog has what the search tests need") {
  REQUIRE(Catalog().size() >= 240);
  CHECK(Expected(PublicOnline).size() == kPublicOnline);
  CHECK(Expected([](const auto& i) { return i.Get("imageSource") == "public" && i.offline; }).size() == 3);
  std::map<std::string, int> created;
  for (const auto& i : Catalog()) ++created[i.Get("createTime")];
  CHECK(std::count_if(created.begin(), created.end(), [](const auto& c) { return c.second > 1 && !c.first.empty(); }) >= 3);
  CHECK(created[""] >= 3);
  CHECK(Expected([](const auto& i) { return i.Get("name").starts_with("web-golden-"); }).size() == 10);
}

TEST_CASE("describeImages pages through the public catalog: 100, 100, then a short page") {
  auto server = StartCatalog();
  std::vector<std::string> all;
  for (int number = 1; number <= 3; ++number) {
    const Page page = List(*server, {{"imageSource", "public"}, {"pageSize", "100"}, {"pageNumber", std::to_string(number)}});
    CHECK(page.total_count == kPublicOnline);
    CHECK(page.ids.size() == (number < 3 ? 100u : kPublicOnline - 200));
    all.insert(all.end(), page.ids.begin(), page.ids.end());
  }
  // A stable order (image id ascending), every image once.
  CHECK(all == Expected(PublicOnline));
  const Page past_the_end = List(*server, {{"imageSource", "public"}, {"pageSize", "100"}, {"pageNumber", "4"}});
  CHECK(past_the_end.ids.empty());
  CHECK(past_the_end.total_count == kPublicOnline);

  // Defaults: pageSize 20, pageNumber 1.
  const Page first = List(*server, {{"imageSource", "public"}});
  CHECK(first.ids == std::vector<std::string>(all.begin(), all.begin() + 20));
  const Page second = List(*server, {{"imageSource", "public"}, {"pageNumber", "2"}, {"pageSize", "10"}});
  CHECK(second.ids == std::vector<std::string>(all.begin() + 10, all.begin() + 20));
}

TEST_CASE("the images in a page are the fixture files, byte for byte") {
  auto server = StartCatalog();
  const std::string id = Expected(PublicOnline).front();
  auto res = DescribeImages(*server, kRegion, {{"ids.1", id}});
  REQUIRE(res);
  std::ifstream in(std::filesystem::path(CatalogDir()) / "images" / (id + ".json"), std::ios::binary);
  std::ostringstream file;
  file << in.rdbuf();
  CHECK(res->body == "{\"requestId\":\"" + res->get_header_value("x-jdcloud-request-id") +
                         "\",\"result\":{\"images\":[" + file.str() + "],\"totalCount\":1}}");
}

TEST_CASE("every filter selects what it says, combined with AND") {
  auto server = StartCatalog();
  auto is = [](const char* member, std::string value) {
    return [member, value](const CatalogImage& i) { return PublicOnline(i) && i.Get(member) == value; };
  };
  CHECK(ListAll(*server, {{"imageSource", "public"}, {"platform", "CentOS"}}) == Expected(is("platform", "CentOS")));
  // A value with a space, sent as %20.
  const auto windows = ListAll(*server, {{"imageSource", "public"}, {"platform", "Windows Server"}});
  CHECK(windows.size() > 50);
  CHECK(windows == Expected(is("platform", "Windows Server")));
  CHECK(ListAll(*server, {{"imageSource", "public"}, {"architecture", "arm64"}}) == Expected(is("architecture", "arm64")));
  CHECK(ListAll(*server, {{"imageSource", "public"}, {"rootDeviceType", "localDisk"}}) ==
        Expected(is("rootDeviceType", "localDisk")));
  CHECK(ListAll(*server, {{"imageSource", "public"}, {"bootMode", "uefi"}}) == Expected(is("bootMode", "uefi")));
  const auto errors = ListAll(*server, {{"imageSource", "public"}, {"status", "error"}});
  CHECK(errors.size() == 1);
  CHECK(errors == Expected(is("status", "error")));
  CHECK(ListAll(*server, {{"imageSource", "thirdparty"}}) ==
        Expected([](const auto& i) { return i.Get("imageSource") == "thirdparty" && !i.offline; }));
  CHECK(ListAll(*server, {{"imageSource", "shared"}}).empty());

  SECTION("imageName: a case-insensitive substring of the name") {
    const auto centos = ListAll(*server, {{"imageSource", "public"}, {"imageName", "centos 7.9"}});
    CHECK_FALSE(centos.empty());
    CHECK(centos == Expected([](const auto& i) { return PublicOnline(i) && i.Get("name").starts_with("CentOS 7.9 "); }));
    CHECK(ListAll(*server, {{"imageSource", "public"}, {"imageName", "安全加固"}}) ==
          Expected([](const auto& i) { return PublicOnline(i) && i.Get("name").find("安全加固") != std::string::npos; }));
    CHECK(ListAll(*server, {{"imageSource", "private"}, {"imageName", "WEB-GOLDEN-1"}}).size() == 2);  // 1 and 10
  }
  SECTION("launchPermission applies to private images") {
    const auto owner_only = ListAll(*server, {{"imageSource", "private"}, {"launchPermission", "ownerOnly"}});
    CHECK_FALSE(owner_only.empty());
    CHECK(owner_only == Expected([](const auto& i) {
            return i.Get("imageSource") == "private" && i.Get("launchPermission") == "ownerOnly";
          }));
    // ... and only to them, as documented: with public it changes nothing.
    CHECK(ListAll(*server, {{"imageSource", "public"}, {"launchPermission", "ownerOnly"}}).size() == kPublicOnline);
  }
  SECTION("several filters at once") {
    const auto narrow = ListAll(*server, {{"imageSource", "public"},
                                          {"platform", "Ubuntu"},
                                          {"architecture", "arm64"},
                                          {"rootDeviceType", "cloudDisk"},
                                          {"status", "ready"}});
    CHECK_FALSE(narrow.empty());
    CHECK(narrow == Expected([](const auto& i) {
            return PublicOnline(i) && i.Get("platform") == "Ubuntu" && i.Get("architecture") == "arm64" &&
                   i.Get("rootDeviceType") == "cloudDisk" && i.Get("status") == "ready";
          }));
    CHECK(ListAll(*server, {{"imageSource", "public"}, {"platform", "Windows Server"}, {"architecture", "arm64"}})
              .empty());
  }
}

TEST_CASE("withdrawn public and marketplace images are listed only with offline=true, or by id") {
  auto server = StartCatalog();
  const auto withdrawn = Expected([](const auto& i) { return i.Get("imageSource") == "public" && i.offline; });
  REQUIRE(withdrawn.size() == 3);
  const auto online = ListAll(*server, {{"imageSource", "public"}, {"offline", "false"}});
  CHECK(online.size() == kPublicOnline);
  CHECK(ListAll(*server, {{"imageSource", "public"}, {"offline", "true"}}) == withdrawn);
  CHECK(ListAll(*server, {{"imageSource", "thirdparty"}, {"offline", "true"}}).size() == 2);
  // It means nothing for private images.
  CHECK(ListAll(*server, {{"imageSource", "private"}, {"offline", "true"}}).size() == 10);
  // With ids it is ignored (reference §5): a withdrawn image is found by id.
  const Page by_id = List(*server, {{"ids.1", withdrawn[0]}, {"ids.2", online[0]}});
  CHECK(by_id.total_count == 2);
  CHECK(by_id.ids == std::vector<std::string>{std::min(withdrawn[0], online[0]), std::max(withdrawn[0], online[0])});
  CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", "public"}, {"offline", "yes"}}), "offline");
}

TEST_CASE("ids.N select exact ids, need no imageSource and still AND with the other filters") {
  auto server = StartCatalog();
  const auto publics = Expected(PublicOnline);
  const Page three = List(*server, {{"ids.1", publics[5]}, {"ids.2", publics[1]}, {"ids.3", "img-notthere01"}});
  CHECK(three.total_count == 2);
  CHECK(three.ids == std::vector<std::string>{publics[1], publics[5]});
  CHECK(List(*server, {{"ids.1", publics[1]}, {"imageSource", "private"}}).total_count == 0);

  jdcloud::QueryParams hundred;
  for (int n = 1; n <= 100; ++n) hundred.emplace_back("ids." + std::to_string(n), publics[n]);
  hundred.emplace_back("pageSize", "100");
  CHECK(List(*server, hundred).ids.size() == 100);
  hundred.emplace_back("ids.101", publics[101]);
  CheckBadRequest(DescribeImages(*server, kRegion, hundred), "at most 100");
  CheckBadRequest(DescribeImages(*server, kRegion, {{"ids.1", "i-notanimage"}}), "ids.1");
  CheckBadRequest(DescribeImages(*server, kRegion, {{"ids.x", publics[0]}}), "unknown parameter ids.x");
}

TEST_CASE("bad describeImages parameters answer 400 INVALID_ARGUMENT") {
  auto server = StartCatalog();
  CheckBadRequest(DescribeImages(*server, kRegion, {}), "imageSource");
  CheckBadRequest(DescribeImages(*server, kRegion, {{"platform", "CentOS"}}), "imageSource: required unless ids");
  CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", ""}}), "imageSource");
  CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", "jcloud"}}), "imageSource: must be one of");
  for (const char* size : {"9", "101", "0", "-5", "ten", "20.0", "020"}) {
    INFO(size);
    CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", "public"}, {"pageSize", size}}),
                    "pageSize: must be an integer in [10, 100]");
  }
  CHECK(List(*server, {{"imageSource", "public"}, {"pageSize", "10"}}).ids.size() == 10);
  for (const char* number : {"0", "-1", "one"}) {
    INFO(number);
    CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", "public"}, {"pageNumber", number}}),
                    "pageNumber: must be an integer >= 1");
  }
  CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", "public"}, {"filters.1.name", "x"}}),
                  "unknown parameter filters.1.name");
  CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", "public"}, {"rootDeviceType", "ssd"}}),
                  "rootDeviceType");
  CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", "public"}, {"bootMode", "efi"}}), "bootMode");
  CheckBadRequest(DescribeImages(*server, kRegion, {{"imageSource", "public"}, {"instanceIds.1", "i-abc"}}),
                  "instanceIds");
  // The query is read as signed: two values for one parameter are refused.
  auto twice = PrepareDescribeImages(server->port(), kRegion, {{"imageSource", "public"}, {"imageSource", "private"}});
  httplib::Client client("127.0.0.1", server->port());
  CheckBadRequest(Send(client, twice), "duplicate parameter imageSource");
  CheckBadRequest(DescribeImages(*server, "north", {{"imageSource", "public"}}), "regionId");
  // serviceCode is deprecated: accepted and ignored.
  CHECK(List(*server, {{"imageSource", "public"}, {"serviceCode", "vm"}}).total_count == kPublicOnline);
  CHECK(server->stats().Snapshot().outcomes.at("400") >= 20);
}

TEST_CASE("the signature covers the query: a query changed after signing is refused") {
  auto server = StartCatalog();
  httplib::Client client("127.0.0.1", server->port());
  const auto signed_request = PrepareDescribeImages(server->port(), kRegion, {{"imageSource", "public"}, {"pageSize", "100"}});
  REQUIRE(signed_request.path.ends_with("?imageSource=public&pageSize=100"));

  auto altered = signed_request;
  altered.path.replace(altered.path.find("pageSize=100"), 12, "pageSize=50");
  auto res = Send(client, altered);
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(ErrorMessage(res) == "sign result is not same [gw]");

  auto added = signed_request;
  added.path += "&platform=CentOS";
  CHECK(ErrorMessage(Send(client, added)) == "sign result is not same [gw]");
  auto dropped = signed_request;
  dropped.path.resize(dropped.path.find('?'));
  CHECK(ErrorMessage(Send(client, dropped)) == "sign result is not same [gw]");

  // Parameter order on the wire does not matter: the canonical form sorts them.
  auto reordered = signed_request;
  reordered.path.replace(reordered.path.find('?'), std::string::npos, "?pageSize=100&imageSource=public");
  CHECK(Send(client, reordered)->status == 200);
  // That used the nonce: the original is now a replay.
  CHECK(ErrorMessage(Send(client, signed_request)) == "nonce has been used, replay request is not allowed[gw]");

  SignOptions unsigned_request;
  unsigned_request.send_authorization = false;
  CHECK(ErrorMessage(DescribeImages(*server, kRegion, {{"imageSource", "public"}}, unsigned_request)) ==
        "lack of header authorization[gw]");
  SignOptions other_region;
  other_region.scope_region = "cn-south-1";
  CHECK(DescribeImages(*server, kRegion, {{"imageSource", "public"}}, other_region)->status == 401);
  // 401 comes before parameter checks.
  CHECK(DescribeImages(*server, kRegion, {}, unsigned_request)->status == 401);
}

TEST_CASE("describeImages honours the fixtures' regions and serves several fixture directories") {
  auto server = StartDouble({.more_fixtures_dirs = {CatalogDir()}});
  CHECK(server->fixtures().Ids().size() == Catalog().size() + 11);
  // img-pending001 is served only in cn-south-1, img-win2019uefi only in cn-east-2.
  const auto north = ListAll(*server, {{"imageSource", "private"}});
  CHECK(std::find(north.begin(), north.end(), "img-pending001") == north.end());
  CHECK(std::find(north.begin(), north.end(), "img-m5s0f7ss4c") != north.end());
  CHECK(std::count_if(north.begin(), north.end(), [](const auto& id) { return id.size() == 14; }) >= 10);
  const auto south = ListAll(*server, {{"imageSource", "private"}}, "cn-south-1");
  CHECK(std::find(south.begin(), south.end(), "img-pending001") != south.end());
  // The thirdparty fixture img-unusable01 is withdrawn.
  CHECK(List(*server, {{"ids.1", "img-unusable01"}, {"ids.2", "img-m5s0f7ss4c"}}).total_count == 2);
  CHECK(ListAll(*server, {{"imageSource", "thirdparty"}, {"offline", "true"}}) ==
        std::vector<std::string>{Expected([](const auto& i) { return i.Get("imageSource") == "thirdparty" && i.offline; })[0],
                                 Expected([](const auto& i) { return i.Get("imageSource") == "thirdparty" && i.offline; })[1],
                                 "img-unusable01"});
  // Images a test adds are listed too.
  httplib::Client client("127.0.0.1", server->port());
  REQUIRE(client.Put("/__double/images/img-runtime0001", R"({"imageId":"img-runtime0001","imageSource":"community"})",
                     "application/json")->status == 200);
  CHECK(List(*server, {{"imageSource", "community"}}).ids == std::vector<std::string>{"img-runtime0001"});
}

TEST_CASE("faults select describeImages by route; \"*\" faults apply to both APIs") {
  auto server = StartDouble({.more_fixtures_dirs = {CatalogDir()}});
  const jdcloud::QueryParams publics{{"imageSource", "public"}, {"pageSize", "100"}};
  const std::uint64_t total = List(*server, publics).total_count;  // the catalog and img-h8ly274zg9
  REQUIRE(AddFaults(*server, R"({"kind":"status","status":503,"route":"describeImages","times":2})") == 200);
  CHECK(DescribeImage(*server, kRegion, "img-m5s0f7ss4c")->status == 200);
  CHECK(DescribeImages(*server, kRegion, publics)->status == 503);
  CHECK(DescribeImages(*server, kRegion, publics)->status == 503);
  CHECK(DescribeImages(*server, kRegion, publics)->status == 200);

  REQUIRE(AddFaults(*server, R"({"kind":"rate_limit","route":"describeImage","times":1})") == 200);
  CHECK(DescribeImages(*server, kRegion, publics)->status == 200);
  CHECK(DescribeImage(*server, kRegion, "img-m5s0f7ss4c")->status == 429);

  // A fault for one image never touches the list.
  REQUIRE(AddFaults(*server, R"({"kind":"status","status":500,"image_id":"img-m5s0f7ss4c"})") == 200);
  CHECK(DescribeImages(*server, kRegion, {{"ids.1", "img-m5s0f7ss4c"}})->status == 200);
  REQUIRE(server->faults().List().size() == 1);
  server->faults().Clear();

  REQUIRE(AddFaults(*server, R"([{"kind":"status","status":502,"times":2},
                                 {"kind":"status","status":504,"route":"describeImages","times":1}])") == 200);
  CHECK(DescribeImages(*server, kRegion, publics)->status == 504);  // the route's own fault first
  CHECK(DescribeImages(*server, kRegion, publics)->status == 502);
  CHECK(DescribeImage(*server, kRegion, "img-m5s0f7ss4c")->status == 502);
  CHECK(DescribeImage(*server, kRegion, "img-m5s0f7ss4c")->status == 200);

  SECTION("bodies of the other kinds are describeImages' own") {
    REQUIRE(AddFaults(*server, R"([{"kind":"malformed","body":"wrong_types","route":"describeImages","times":1},
        {"kind":"malformed","body":"wrong_types","field":"/images/0/sizeMB","value":"big","route":"describeImages","times":1},
        {"kind":"malformed","body":"missing_image","route":"describeImages","times":1},
        {"kind":"oversize","size_bytes":100000,"route":"describeImages","times":1}])") == 200);
    auto doc = ParseJson(DescribeImages(*server, kRegion, publics)->body);
    CHECK(std::string(doc["result"]["totalCount"].GetString()) == std::to_string(total));
    doc = ParseJson(DescribeImages(*server, kRegion, publics)->body);
    CHECK(std::string(doc["result"]["images"][0]["sizeMB"].GetString()) == "big");
    CHECK(doc["result"]["images"].Size() == 100);
    doc = ParseJson(DescribeImages(*server, kRegion, publics)->body);
    CHECK(doc["result"].ObjectEmpty());
    auto oversize = DescribeImages(*server, kRegion, publics);
    REQUIRE(oversize);
    CHECK(oversize->body.size() == 100000);
    CHECK(std::string(ParseJson(oversize->body)["result"]["images"][0]["imageId"].GetString()) == "img-oversize00001");
    CHECK(server->stats().Snapshot().faults.at("malformed") == 3);
  }
  SECTION("a trickled list arrives whole, slowly") {
    REQUIRE(AddFaults(*server, R"({"kind":"trickle","trickle_bytes":16384,"interval_ms":10,"route":"describeImages","times":1})") == 200);
    auto res = DescribeImages(*server, kRegion, publics);
    REQUIRE(res);
    CHECK(ParseJson(res->body)["result"]["images"].Size() == 100);
  }
}

TEST_CASE("total_count_mismatch: pages 2 and later report another totalCount") {
  auto server = StartCatalog();
  REQUIRE(AddFaults(*server, R"({"kind":"total_count_mismatch","times":1})") == 200);
  auto page = [&](int n) {
    return List(*server, {{"imageSource", "public"}, {"pageSize", "100"}, {"pageNumber", std::to_string(n)}});
  };
  // Page 1 passes the fault by without using it up.
  CHECK(page(1).total_count == kPublicOnline);
  const Page second = page(2);
  CHECK(second.total_count == kPublicOnline + 1);
  CHECK(second.ids.size() == 100);
  CHECK(page(3).total_count == kPublicOnline);  // used up

  REQUIRE(AddFaults(*server, R"({"kind":"total_count_mismatch","total_count_delta":-200})") == 200);
  CHECK(page(1).total_count == kPublicOnline);
  CHECK(page(2).total_count == kPublicOnline - 200);
  CHECK(page(3).total_count == kPublicOnline - 200);
  CHECK(server->stats().Snapshot().faults.at("total_count_mismatch") == 3);
}

TEST_CASE("repeat_page: page 2 repeats page 1's images") {
  auto server = StartCatalog();
  REQUIRE(AddFaults(*server, R"({"kind":"repeat_page","times":1})") == 200);
  auto page = [&](int n) {
    return List(*server, {{"imageSource", "public"}, {"pageSize", "100"}, {"pageNumber", std::to_string(n)}});
  };
  const Page first = page(1);
  const Page second = page(2);
  CHECK(second.ids == first.ids);
  CHECK(second.total_count == kPublicOnline);
  const Page third = page(3);
  CHECK(third.ids.size() == kPublicOnline - 200);
  CHECK(std::find(first.ids.begin(), first.ids.end(), third.ids[0]) == first.ids.end());
  CHECK(page(2).ids != first.ids);  // used up
}

TEST_CASE("list faults are refused where they cannot apply") {
  auto error_of = [](const std::string& json) {
    auto parsed = ParseFaults(json);
    return parsed ? std::string("accepted") : parsed.error();
  };
  CHECK(error_of(R"({"kind":"repeat_page","route":"describeImage"})") ==
        "kind repeat_page applies to route describeImages only");
  CHECK(error_of(R"({"kind":"total_count_mismatch","route":"*"})") ==
        "kind total_count_mismatch applies to route describeImages only");
  CHECK(error_of(R"({"kind":"repeat_page","image_id":"img-m5s0f7ss4c"})") == "route describeImages takes no image_id");
  CHECK(error_of(R"({"kind":"drop","route":"images"})").starts_with("route must be one of"));
  CHECK(error_of(R"({"kind":"total_count_mismatch","total_count_delta":0})") == "total_count_delta must not be 0");
  CHECK(error_of(R"({"kind":"repeat_page"})") == "accepted");
  CHECK(FaultsToJson(*ParseFaults(R"([{"kind":"repeat_page"},{"kind":"total_count_mismatch","times":2},
                                      {"kind":"drop","route":"describeImage"}])")) ==
        R"({"faults":[{"image_id":"*","kind":"repeat_page","route":"describeImages"},)"
        R"({"image_id":"*","kind":"total_count_mismatch","route":"describeImages","times_left":2,"total_count_delta":1},)"
        R"({"image_id":"*","kind":"drop","route":"describeImage","drop":"before_response"}]})");
}

TEST_CASE("stats count describeImages calls per route and per page, next to the old counts") {
  auto server = StartDouble({.more_fixtures_dirs = {CatalogDir()}});
  for (int n = 1; n <= 3; ++n)
    List(*server, {{"imageSource", "public"}, {"pageSize", "100"}, {"pageNumber", std::to_string(n)}});
  List(*server, {{"imageSource", "public"}, {"pageSize", "100"}});  // page 1 again
  DescribeImages(*server, kRegion, {{"pageSize", "5"}});             // 400: no valid page
  DescribeImage(*server, kRegion, "img-m5s0f7ss4c");

  const auto stats = server->stats().Snapshot();
  CHECK(stats.total == 6);
  CHECK(stats.routes.at("describeImages") == 5);
  CHECK(stats.routes.at("describeImage") == 1);
  CHECK(stats.pages == std::map<std::string, std::uint64_t>{{"1", 2}, {"2", 1}, {"3", 1}});
  CHECK(stats.images == std::map<std::string, std::uint64_t>{{"img-m5s0f7ss4c", 1}});
  CHECK(stats.outcomes.at("200") == 5);
  CHECK(stats.outcomes.at("400") == 1);
  CHECK(stats.user_agents.at("api-double-test/1") == 6);

  httplib::Client client("127.0.0.1", server->port());
  auto res = client.Get("/__double/stats");
  REQUIRE(res);
  const auto doc = ParseJson(res->body);
  for (const char* member : {"total", "connections", "images", "outcomes", "faults", "user_agents", "routes", "pages"})
    CHECK(doc.HasMember(member));
  CHECK(doc["routes"]["describeImages"].GetUint64() == 5);
  CHECK(doc["pages"]["1"].GetUint64() == 2);
  REQUIRE(client.Post("/__double/reset", "", "application/json")->status == 200);
  CHECK(server->stats().Snapshot().routes.empty());
  CHECK(server->stats().Snapshot().pages.empty());
}
