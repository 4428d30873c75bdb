#include "provider/image_order.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string_view>
#include <tuple>

#include "provider/rfc3339.h"

namespace provider {
namespace {

// What an image sorts by. Computed once per image, not per comparison.
struct OrderKey {
  enum Group { kDated, kUndated, kNoTime };
  Group group;
  std::chrono::sys_seconds time;  // kDated
  std::string_view text;          // kUndated: create_time as sent
  std::string_view id;
  const jdcloud::Image* image;

  bool operator<(const OrderKey& o) const {
    if (group != o.group) return group < o.group;
    if (group == kDated && time != o.time) return time > o.time;  // newest first
    if (group == kUndated && text != o.text) return text < o.text;
    return id < o.id;
  }
};

std::string_view StringField(const jdcloud::Image& image, std::string_view attribute) {
  const std::string* s = image.GetString(attribute);
  return s ? std::string_view(*s) : std::string_view();
}

OrderKey KeyOf(const jdcloud::Image* image) {
  const std::string_view created = StringField(*image, "create_time");
  OrderKey key{OrderKey::kNoTime, {}, created, StringField(*image, "id"), image};
  if (created.empty()) return key;
  if (std::optional<std::chrono::sys_seconds> time = ParseRfc3339(created)) {
    key.group = OrderKey::kDated;
    key.time = *time;
  } else {
    key.group = OrderKey::kUndated;
  }
  return key;
}

}  // namespace

void SortNewestFirst(std::vector<const jdcloud::Image*>& images) {
  std::vector<OrderKey> keys;
  keys.reserve(images.size());
  for (const jdcloud::Image* image : images) keys.push_back(KeyOf(image));
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 0; i < keys.size(); ++i) images[i] = keys[i].image;
}

}  // namespace provider
