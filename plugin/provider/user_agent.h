// The User-Agent the provider sends to JD Cloud, so API-side logs show which
// provider and Terraform versions made a call.
#pragma once

#include <string>

namespace provider {

// "terraform-provider-jdcloud/0.1.0 (+https://registry.terraform.io) terraform/1.11.4";
// the terraform part is left out when the version is unknown.
std::string UserAgent(const std::string& terraform_version);

}  // namespace provider
