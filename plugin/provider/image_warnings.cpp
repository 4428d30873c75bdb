#include "provider/image_warnings.h"

#include "provider/rfc3339.h"

namespace provider {

std::vector<std::string> UnusableImageReasons(const jdcloud::Image& image,
                                              std::chrono::system_clock::time_point now) {
  std::vector<std::string> reasons;
  if (image.status && *image.status != "ready") {
    reasons.push_back("its status is \"" + *image.status + "\", not \"ready\"");
  }
  if (image.offline.value_or(false)) {
    reasons.push_back("it is offline (withdrawn by its publisher)");
  }
  if (image.expired_time && !image.expired_time->empty()) {
    // An unparseable time cannot be judged; the attribute still shows it.
    if (auto expiry = ParseRfc3339(*image.expired_time); expiry && *expiry <= now) {
      reasons.push_back("it expired at " + *image.expired_time);
    }
  }
  return reasons;
}

std::optional<Diagnostic> UnusableImageWarning(const jdcloud::Image& image, const std::string& image_id,
                                               const std::string& region,
                                               const std::string& request_id,
                                               std::chrono::system_clock::time_point now) {
  std::vector<std::string> reasons = UnusableImageReasons(image, now);
  if (reasons.empty()) return std::nullopt;
  std::string detail = "Image \"" + image_id + "\" in region \"" + region +
                       "\" was read, but it cannot be used to launch instances: ";
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (i > 0) detail += (i + 1 == reasons.size()) ? "; and " : "; ";
    detail += reasons[i];
  }
  detail += ".";
  if (!request_id.empty()) detail += " Request ID: " + request_id + ".";
  return WarningDiag("Image cannot be used to launch instances", std::move(detail));
}

}  // namespace provider
