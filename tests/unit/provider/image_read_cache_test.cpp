// The read cache on its own: bounded, shared, failures not kept.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "provider/image_read_cache.h"
#include "fake_client.h"

namespace provider {
namespace {

ImageReadKey Key(const std::string& image_id) { return {"https://api.test", "AK", "fp", "cn-north-1", image_id}; }

// A fetch that counts its calls and answers with a read naming the image.
struct CountingFetch {
  int calls = 0;
  ImageReadCache::Fetch For(const std::string& image_id) {
    return [this, image_id](jdcloud::Cancellation&) -> ImageReadCache::Outcome {
      ++calls;
      auto read = std::make_shared<ImageRead>();
      read->result.image = provider_test::ReadyImage(image_id);
      read->result.request_id = "req-" + std::to_string(calls);
      read->state = cty::Value::String(image_id);
      return read;
    };
  }
};

}  // namespace

TEST_CASE("a kept read is shared, not fetched or copied again", "[cache]") {
  ImageReadCache cache;
  CountingFetch fetch;
  auto cancel = std::make_shared<jdcloud::Cancellation>();
  auto first = cache.Get(Key("img-aaaaaaaa"), cancel, fetch.For("img-aaaaaaaa"));
  auto second = cache.Get(Key("img-aaaaaaaa"), cancel, fetch.For("img-aaaaaaaa"));
  REQUIRE(first);
  REQUIRE(second);
  CHECK(fetch.calls == 1);
  CHECK(first->get() == second->get());
  CHECK((*second)->state.as_string() == "img-aaaaaaaa");
  REQUIRE((*second)->result.image.GetString("id"));
  CHECK(*(*second)->result.image.GetString("id") == "img-aaaaaaaa");
}

TEST_CASE("the cache keeps at most its capacity, evicting the oldest first", "[cache]") {
  ImageReadCache cache(2);
  CountingFetch fetch;
  auto cancel = std::make_shared<jdcloud::Cancellation>();
  for (const char* id : {"img-aaaaaaaa", "img-bbbbbbbb", "img-cccccccc"}) {
    REQUIRE(cache.Get(Key(id), cancel, fetch.For(id)));
  }
  REQUIRE(fetch.calls == 3);
  // The two latest are kept...
  REQUIRE(cache.Get(Key("img-bbbbbbbb"), cancel, fetch.For("img-bbbbbbbb")));
  REQUIRE(cache.Get(Key("img-cccccccc"), cancel, fetch.For("img-cccccccc")));
  CHECK(fetch.calls == 3);
  // ...the oldest was evicted and is fetched again, which evicts the next oldest.
  auto again = cache.Get(Key("img-aaaaaaaa"), cancel, fetch.For("img-aaaaaaaa"));
  REQUIRE(again);
  CHECK(fetch.calls == 4);
  CHECK((*again)->result.request_id == "req-4");
  REQUIRE(cache.Get(Key("img-bbbbbbbb"), cancel, fetch.For("img-bbbbbbbb")));
  CHECK(fetch.calls == 5);
}

TEST_CASE("a failed read is not kept: the next read tries again", "[cache]") {
  ImageReadCache cache;
  int calls = 0;
  auto cancel = std::make_shared<jdcloud::Cancellation>();
  auto failing = [&](jdcloud::Cancellation&) -> ImageReadCache::Outcome {
    ++calls;
    jdcloud::ApiError error{};
    error.kind = jdcloud::ApiError::Kind::Network;
    error.message = "connection refused";
    return std::unexpected(error);
  };
  CHECK_FALSE(cache.Get(Key("img-aaaaaaaa"), cancel, failing));
  CHECK_FALSE(cache.Get(Key("img-aaaaaaaa"), cancel, failing));
  CHECK(calls == 2);
}

TEST_CASE("a cache of capacity 0 keeps nothing but still answers", "[cache]") {
  ImageReadCache cache(0);
  CountingFetch fetch;
  auto cancel = std::make_shared<jdcloud::Cancellation>();
  REQUIRE(cache.Get(Key("img-aaaaaaaa"), cancel, fetch.For("img-aaaaaaaa")));
  REQUIRE(cache.Get(Key("img-aaaaaaaa"), cancel, fetch.For("img-aaaaaaaa")));
  CHECK(fetch.calls == 2);
}

}  // namespace provider
