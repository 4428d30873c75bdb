#include "provider/image_search_read.h"

#include <utility>

#include "log/log.h"
#include "provider/api_diagnostics.h"
#include "provider/image_filter.h"
#include "provider/image_order.h"

namespace provider {

std::expected<ImageMatches, Diagnostic> SearchImages(ImageSearchCache& cache, const ReadTarget& target,
                                                     const cty::Value& filter, const ReadContext& context) {
  const ImageSearchKey key{target.state->config.settings.endpoint, target.state->config.settings.access_key,
                           target.state->secret_fingerprint, target.region, SearchOf(filter)};
  const std::string described = DescribeSearch(target.region, filter);
  logging::Debug("searching images", {{"search", described}});
  jdcloud::Client& client = *target.client;
  auto outcome = cache.Get(key, context.cancel, [&](jdcloud::Cancellation& cancel) -> ImageSearchCache::Outcome {
    auto answer = client.DescribeImages(key.region, key.search, cancel);
    if (!answer) return std::unexpected(std::move(answer.error()));
    logging::Debug("images listed", {{"images", std::to_string(answer->images.size())},
                                     {"calls", std::to_string(answer->calls)},
                                     {"request_id", answer->request_id}});
    return std::make_shared<const jdcloud::DescribeImagesResult>(std::move(*answer));
  });
  if (!outcome) {
    logging::Warn("image search failed", {{"search", described},
                                          {"request_id", outcome.error().request_id},
                                          {"attempts", std::to_string(outcome.error().attempts)}});
    return std::unexpected(ApiErrorDiagnostic(outcome.error(), ApiCall{"describeImages", "images " + described}));
  }
  ImageMatches matches{*outcome, {}};
  const std::shared_ptr<const NameRegex> regex = NameRegex::Of(filter);
  for (const jdcloud::Image& image : matches.answer->images) {
    // The API lists withdrawn images for ids.N too; a search never finds them.
    if (image.GetBool("offline").value_or(false)) continue;
    const std::string* name = image.GetString("name");
    if (!regex || regex->Matches(name ? *name : std::string_view())) matches.images.push_back(&image);
  }
  SortNewestFirst(matches.images);
  return matches;
}

}  // namespace provider
