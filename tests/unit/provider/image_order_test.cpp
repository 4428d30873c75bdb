// The order of search results against generated answers, checked by an
// oracle written apart from image_order.cpp and rfc3339.cpp: its own
// civil-date arithmetic for the generated timestamp forms.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "provider/image_order.h"
#include "fake_client.h"

using provider_test::ImageFromJson;
using provider_test::JsonString;

namespace {

struct Generated {
  std::string id;
  std::string create_time;  // "" with `absent`: no member at all
  bool absent = false;
  // What the oracle knows: 0 dated, 1 not a date, 2 empty or absent.
  int group = 2;
  std::int64_t epoch = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's formula).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Generated Make(std::mt19937& rng, int index) {
  Generated g;
  char id[32];
  std::snprintf(id, sizeof id, "img-%08d", static_cast<int>(rng() % 100000000));
  g.id = std::string(id) + std::to_string(index);  // unique
  switch (rng() % 6) {
    case 0:
    case 1:
    case 2: {  // a date from a small set, so that equal instants are common
      const int year = 2020 + static_cast<int>(rng() % 3), month = 1 + static_cast<int>(rng() % 2);
      const int day = 1 + static_cast<int>(rng() % 2), hour = static_cast<int>(rng() % 2) * 8;
      const int offset_hours = (rng() % 3 == 0) ? 8 : 0;  // "+08:00" names the same instant 8 h later on the clock
      char text[40];
      std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:00:00%s", year, month, day, hour + offset_hours,
                    offset_hours ? "+08:00" : "Z");
      g.create_time = text;
      g.group = 0;
      g.epoch = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600;
      break;
    }
    case 3: {
      static const char* const kJunk[] = {"yesterday", "2024-13-01T00:00:00Z", "soon", "2024/01/01", "~"};
      g.create_time = kJunk[rng() % 5];
      g.group = 1;
      break;
    }
    case 4: break;  // empty
    default: g.absent = true;
  }
  return g;
}

jdcloud::Image ImageOf(const Generated& g) {
  std::string json = R"({"imageId":)" + JsonString(g.id);
  if (!g.absent) json += R"(,"createTime":)" + JsonString(g.create_time);
  return ImageFromJson(json + "}");
}

std::vector<std::string> OracleOrder(std::vector<Generated> generated) {
  std::sort(generated.begin(), generated.end(), [](const Generated& a, const Generated& b) {
    const auto key = [](const Generated& g) {
      return std::make_tuple(g.group, g.group == 0 ? -g.epoch : 0, g.group == 1 ? g.create_time : "", g.id);
    };
    return key(a) < key(b);
  });
  std::vector<std::string> ids;
  for (const auto& g : generated) ids.push_back(g.id);
  return ids;
}

}  // namespace

TEST_CASE("generated answers sort exactly as the oracle says", "[order][generated]") {
  std::mt19937 rng(20261204);
  for (int round = 0; round < 300; ++round) {
    const int count = static_cast<int>(rng() % 40);
    std::vector<Generated> generated;
    for (int i = 0; i < count; ++i) generated.push_back(Make(rng, i));
    std::vector<jdcloud::Image> images;
    for (const auto& g : generated) images.push_back(ImageOf(g));
    std::vector<const jdcloud::Image*> order;
    for (const auto& image : images) order.push_back(&image);
    std::shuffle(order.begin(), order.end(), rng);
    provider::SortNewestFirst(order);
    std::vector<std::string> ids;
    for (const auto* image : order) ids.push_back(*image->GetString("id"));
    INFO("round " << round);
    REQUIRE(ids == OracleOrder(generated));
  }
}

TEST_CASE("the same answer in any arrival order gives one order", "[order]") {
  std::vector<jdcloud::Image> images;
  for (const char* time : {"2024-01-01T00:00:00Z", "2024-01-01T08:00:00+08:00", "x", "", "2024-01-01T00:00:00Z"})
    images.push_back(ImageFromJson(R"({"imageId":"img-)" + std::to_string(images.size()) + R"(","createTime":")" +
                                   time + R"("})"));
  std::vector<const jdcloud::Image*> order;
  for (const auto& image : images) order.push_back(&image);
  std::vector<std::string> first;
  do {
    std::vector<const jdcloud::Image*> sorted = order;
    provider::SortNewestFirst(sorted);
    std::vector<std::string> ids;
    for (const auto* image : sorted) ids.push_back(*image->GetString("id"));
    if (first.empty()) first = ids;
    CHECK(ids == first);
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(first == std::vector<std::string>{"img-0", "img-1", "img-4", "img-2", "img-3"});
}
