// What a describeImages search puts on the wire: the parameters of each page
// and the split of a long id list into calls.
#include <catch2/catch.hpp>

#include <string>

#include "jdcloud/image_query.h"
#include "jdcloud/uri_encoding.h"

using jdcloud::ImageSearch;
using jdcloud::QueryParams;
using jdcloud::SearchQuery;
using jdcloud::SplitIdChunks;

namespace {

std::vector<std::string> Ids(int from, int to) {
  std::vector<std::string> ids;
  for (int i = from; i < to; ++i) ids.push_back("img-" + std::to_string(1000000 + i));
  return ids;
}

}  // namespace

TEST_CASE("a search sends each set condition under its API name, then the page", "[search][query]") {
  ImageSearch search;
  search.image_source = "public";
  search.platform = "Windows Server";
  search.architecture = "x86_64";
  search.root_device_type = "cloudDisk";
  search.status = "ready";
  search.launch_permission = "ownerOnly";
  search.boot_mode = "uefi";
  search.image_name = "CentOS 7.9";
  const QueryParams expected = {{"imageSource", "public"},     {"platform", "Windows Server"},
                                {"architecture", "x86_64"},    {"rootDeviceType", "cloudDisk"},
                                {"status", "ready"},           {"launchPermission", "ownerOnly"},
                                {"bootMode", "uefi"},          {"imageName", "CentOS 7.9"},
                                {"pageNumber", "3"},           {"pageSize", "100"}};
  CHECK(SearchQuery(search, 3) == expected);
}

TEST_CASE("unset conditions are not sent, and offline never is", "[search][query]") {
  ImageSearch search;
  search.image_source = "private";
  const QueryParams expected = {{"imageSource", "private"}, {"pageNumber", "1"}, {"pageSize", "100"}};
  CHECK(SearchQuery(search, 1) == expected);
}

TEST_CASE("an empty string is a condition, sent as given", "[search][query]") {
  ImageSearch search;
  search.image_source = "public";
  search.platform = "";
  const QueryParams q = SearchQuery(search, 1);
  CHECK(q.at(1) == std::pair<std::string, std::string>("platform", ""));
}

TEST_CASE("ids go as ids.1 … ids.N and encode canonically", "[search][query]") {
  ImageSearch search;
  search.ids = {"img-b", "img-a", "img-c"};
  search.image_name = "a b/c";
  const QueryParams q = SearchQuery(search, 2);
  const QueryParams expected = {{"imageName", "a b/c"}, {"ids.1", "img-b"},   {"ids.2", "img-a"},
                                {"ids.3", "img-c"},     {"pageNumber", "2"}, {"pageSize", "100"}};
  CHECK(q == expected);
  // Sorted by name, spaces as %20 and '/' escaped: the query the signature covers.
  CHECK(jdcloud::CanonicalQueryString(q) ==
        "ids.1=img-b&ids.2=img-a&ids.3=img-c&imageName=a%20b%2Fc&pageNumber=2&pageSize=100");
}

TEST_CASE("a search without ids is one run", "[search][chunks]") {
  ImageSearch search;
  search.image_source = "public";
  const auto runs = SplitIdChunks(search);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0] == search);
}

TEST_CASE("ids are split into chunks of at most 100, duplicates dropped, first kept", "[search][chunks]") {
  ImageSearch search;
  search.status = "ready";
  search.ids = Ids(0, 250);
  search.ids.insert(search.ids.begin() + 5, "img-1000200");  // a repeat of a later id, seen first here
  search.ids.push_back("img-1000000");                       // a repeat of the first
  const auto runs = SplitIdChunks(search);
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].ids.size() == 100);
  CHECK(runs[1].ids.size() == 100);
  CHECK(runs[2].ids.size() == 50);
  CHECK(runs[0].ids[5] == "img-1000200");
  std::vector<std::string> all;
  for (const auto& run : runs) {
    CHECK(run.status == search.status);
    all.insert(all.end(), run.ids.begin(), run.ids.end());
  }
  CHECK(all.size() == 250);
  std::sort(all.begin(), all.end());
  CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
}

TEST_CASE("exactly 100 ids are one call, 101 are two", "[search][chunks]") {
  ImageSearch search;
  search.ids = Ids(0, 100);
  CHECK(SplitIdChunks(search).size() == 1);
  search.ids = Ids(0, 101);
  const auto runs = SplitIdChunks(search);
  REQUIRE(runs.size() == 2);
  CHECK(runs[1].ids == std::vector<std::string>{"img-1000100"});
}
