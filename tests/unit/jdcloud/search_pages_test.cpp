// How a describeImages search walks its pages: when a run ends, and how
// pages that contradict each other end the search with an error instead of a
// wrong list or a loop.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "jdcloud/response_parser.h"
#include "jdcloud/search_pages.h"

using jdcloud::ApiError;
using jdcloud::ImagesPage;
using jdcloud::SearchPages;
using Kind = ApiError::Kind;

namespace {

// A page listing images img-<from> … img-<to - 1> under `total`.
ImagesPage Page(int from, int to, long long total, const std::string& request_id = "req-page") {
  std::string body = R"({"requestId":")" + request_id + R"(","result":{"totalCount":)" + std::to_string(total) +
                     R"(,"images":[)";
  for (int i = from; i < to; ++i)
    body += (i == from ? "" : ",") + std::string(R"({"imageId":"img-)") + std::to_string(i) + R"(","name":"n"})";
  body += "]}}";
  auto page = jdcloud::ParseDescribeImagesResponse(body, "");
  REQUIRE(page.has_value());
  return std::move(*page);
}

// Feeds pages [0,100), [100,200), … up to `listed` images under `total`,
// stopping at the first error or when the run is done.
std::optional<ApiError> Walk(SearchPages& pages, int listed, long long total) {
  pages.BeginRun();
  for (int from = 0; !pages.run_done(); from += 100) {
    if (auto error = pages.Add(Page(from, std::min(from + 100, listed), total))) return error;
  }
  return std::nullopt;
}

std::vector<std::string> IdsOf(const jdcloud::DescribeImagesResult& r) {
  std::vector<std::string> ids;
  for (const auto& image : r.images) ids.push_back(*image.GetString("id"));
  return ids;
}

}  // namespace

TEST_CASE("230 images come in three pages, the last one short", "[search][pages]") {
  SearchPages pages;
  pages.BeginRun();
  CHECK(pages.next_page() == 1);
  CHECK_FALSE(pages.Add(Page(0, 100, 230)));
  CHECK_FALSE(pages.run_done());
  CHECK(pages.next_page() == 2);
  CHECK_FALSE(pages.Add(Page(100, 200, 230)));
  CHECK(pages.next_page() == 3);
  CHECK_FALSE(pages.Add(Page(200, 230, 230, "req-last")));
  CHECK(pages.run_done());
  const auto result = std::move(pages).Finish();
  CHECK(result.calls == 3);
  CHECK(result.request_id == "req-last");
  const auto ids = IdsOf(result);
  REQUIRE(ids.size() == 230);
  CHECK(ids.front() == "img-0");
  CHECK(ids.back() == "img-229");
}

TEST_CASE("exactly 200 images end after page 2, without asking for an empty page 3", "[search][pages]") {
  SearchPages pages;
  CHECK_FALSE(Walk(pages, 200, 200));
  CHECK(std::move(pages).Finish().calls == 2);
}

TEST_CASE("no match is one call and an empty list", "[search][pages]") {
  SearchPages pages;
  CHECK_FALSE(Walk(pages, 0, 0));
  const auto result = std::move(pages).Finish();
  CHECK(result.calls == 1);
  CHECK(result.images.empty());
}

TEST_CASE("null elements count for paging but are not images", "[search][pages]") {
  auto page = jdcloud::ParseDescribeImagesResponse(
      R"({"requestId":"r","result":{"totalCount":3,"images":[{"imageId":"img-a"},null,{"imageId":"img-b"}]}})", "");
  REQUIRE(page.has_value());
  CHECK(page->listed == 3);
  SearchPages pages;
  pages.BeginRun();
  CHECK_FALSE(pages.Add(std::move(*page)));
  CHECK(pages.run_done());
  CHECK(IdsOf(std::move(pages).Finish()) == std::vector<std::string>{"img-a", "img-b"});
}

TEST_CASE("more than 10,000 matches is TooManyImages on the first page", "[search][pages]") {
  SearchPages pages;
  pages.BeginRun();
  const auto error = pages.Add(Page(0, 100, 10001, "req-many"));
  REQUIRE(error);
  CHECK(error->kind == Kind::TooManyImages);
  CHECK(error->request_id == "req-many");
  CHECK_THAT(error->message, Catch::Contains("10001") && Catch::Contains("narrow"));

  SearchPages at_cap;
  at_cap.BeginRun();
  CHECK_FALSE(at_cap.Add(Page(0, 100, 10000)));
}

TEST_CASE("a totalCount that changes between pages is malformed, naming both", "[search][pages]") {
  SearchPages pages;
  pages.BeginRun();
  CHECK_FALSE(pages.Add(Page(0, 100, 230)));
  const auto error = pages.Add(Page(100, 200, 231, "req-p2"));
  REQUIRE(error);
  CHECK(error->kind == Kind::MalformedBody);
  CHECK(error->request_id == "req-p2");
  CHECK_THAT(error->message, Catch::Contains("describeImages") && Catch::Contains("req-p2") &&
                                 Catch::Contains("230") && Catch::Contains("231") && Catch::Contains("page 2"));
}

TEST_CASE("a page repeating images is malformed, not a loop", "[search][pages]") {
  SearchPages pages;
  pages.BeginRun();
  CHECK_FALSE(pages.Add(Page(0, 100, 300)));
  const auto error = pages.Add(Page(0, 100, 300, "req-again"));
  REQUIRE(error);
  CHECK(error->kind == Kind::MalformedBody);
  CHECK_THAT(error->message, Catch::Contains("img-0") && Catch::Contains("repeat"));
}

TEST_CASE("pages that end short of totalCount are malformed", "[search][pages]") {
  SearchPages pages;
  const auto error = Walk(pages, 150, 230);
  REQUIRE(error);
  CHECK(error->kind == Kind::MalformedBody);
  CHECK_THAT(error->message, Catch::Contains("230") && Catch::Contains("150"));
}

TEST_CASE("pages listing more than totalCount are malformed", "[search][pages]") {
  SearchPages pages;
  pages.BeginRun();
  const auto error = pages.Add(Page(0, 40, 30));
  REQUIRE(error);
  CHECK_THAT(error->message, Catch::Contains("30") && Catch::Contains("40"));
}

TEST_CASE("id chunks are runs of their own; an image in two chunks is a repeat", "[search][pages]") {
  SearchPages pages;
  CHECK_FALSE(Walk(pages, 100, 100));
  pages.BeginRun();
  CHECK(pages.next_page() == 1);
  CHECK_FALSE(pages.Add(Page(100, 150, 50)));
  CHECK(pages.run_done());
  pages.BeginRun();
  const auto error = pages.Add(Page(149, 151, 2));
  REQUIRE(error);
  CHECK_THAT(error->message, Catch::Contains("img-149"));
}
