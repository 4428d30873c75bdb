// The error diagnostic for each way a JD Cloud API call can fail (SPEC's
// error table). Each one names the image and region it was about and carries
// the API's request id when there is one. The texts are built only from the
// error's fields, never from credentials.
#pragma once

#include <string>

#include "jdcloud/error.h"
#include "provider/diagnostics.h"

namespace provider {

// What failed: the API operation and what it was about, in words
// ("describeImages", "images in region \"cn-north-1\" with filter ...").
struct ApiCall {
  std::string operation;
  std::string target;
};

Diagnostic ApiErrorDiagnostic(const jdcloud::ApiError& error, const ApiCall& call);

// A describeImage call for `image_id` in `region`.
Diagnostic ApiErrorDiagnostic(const jdcloud::ApiError& error, const std::string& image_id,
                              const std::string& region);

}  // namespace provider
