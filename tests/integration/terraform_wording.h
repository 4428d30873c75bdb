// Diagnostics rendered the way Terraform's CLI renders them (reference §8):
// a framed block with "Error: <summary>" or "Warning: <summary>", the object
// it is about ("with data.jdcloud_image.image,") and the attribute when the
// diagnostic has a path, then the detail paragraph. tf-read has no source
// file, so the source snippet Terraform shows is replaced by the path.
#pragma once

#include <string>

#include "provider_client.h"

namespace harness {

// `address` is what the diagnostic came from, e.g. data.jdcloud_image.image
// or provider["terraform.local/jdcloud/jdcloud"].
std::string RenderDiagnostic(const Diag& diag, const std::string& address);

}  // namespace harness
