#include "provider/image_warnings.h"

#include "provider/rfc3339.h"
#include "provider/validation.h"

namespace provider {
namespace {

// The expiry time, when the API sent a non-empty one (empty means never).
const std::string* ExpiryText(const jdcloud::Image& image) {
  const std::string* text = image.GetString("expired_time");
  return text && !text->empty() ? text : nullptr;
}

std::string Subject(const std::string& image_id, const std::string& region) {
  return "Image \"" + image_id + "\" in region \"" + region + "\"";
}

std::string RequestIdSentence(const std::string& request_id) {
  return request_id.empty() ? "" : " Request ID: " + request_id + ".";
}

}  // namespace

std::vector<std::string> UnusableImageReasons(const jdcloud::Image& image,
                                              std::chrono::system_clock::time_point now) {
  std::vector<std::string> reasons;
  if (const std::string* status = image.GetString("status"); status && *status != "ready") {
    reasons.push_back("its status is " + QuotedForDiagnostic(*status) + ", not \"ready\"");
  }
  if (image.GetBool("offline").value_or(false)) {
    reasons.push_back("it is offline (withdrawn by its publisher)");
  }
  if (const std::string* expiry_text = ExpiryText(image)) {
    // Compared in seconds: nanoseconds since 1970 overflow after 2262, and
    // "9999-12-31T23:59:59Z" is a common way to say "never".
    if (auto expiry = ParseRfc3339(*expiry_text);
        expiry && *expiry <= std::chrono::floor<std::chrono::seconds>(now)) {
      reasons.push_back("it expired at " + QuotedForDiagnostic(*expiry_text));
    }
  }
  return reasons;
}

Diagnostics ImageWarnings(const jdcloud::Image& image, const std::string& image_id, const std::string& region,
                          const std::string& request_id, std::chrono::system_clock::time_point now) {
  Diagnostics warnings;
  if (std::vector<std::string> reasons = UnusableImageReasons(image, now); !reasons.empty()) {
    std::string detail = Subject(image_id, region) + " was read, but it cannot be used to launch instances: ";
    for (size_t i = 0; i < reasons.size(); ++i) {
      if (i > 0) detail += (i + 1 == reasons.size()) ? "; and " : "; ";
      detail += reasons[i];
    }
    warnings.push_back(WarningDiag("Image cannot be used to launch instances",
                                   detail + "." + RequestIdSentence(request_id)));
  }
  if (const std::string* expiry_text = ExpiryText(image); expiry_text && !ParseRfc3339(*expiry_text)) {
    warnings.push_back(WarningDiag(
        "Image expiry time not understood",
        Subject(image_id, region) + " has the expiry time " + QuotedForDiagnostic(*expiry_text) +
            ", which is not a date-time with a zone (such as 2030-01-01T00:00:00Z), so whether the image "
            "has expired cannot be told. expired_time shows the API's text unchanged." +
            RequestIdSentence(request_id)));
  }
  return warnings;
}

}  // namespace provider
