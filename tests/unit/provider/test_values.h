// Value builders shared by the provider's unit tests.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "cty/type.h"
#include "cty/value.h"
#include "provider/diagnostics.h"
#include "provider/environment.h"

namespace provider_test {

// An object of exactly `type`: the given attributes, typed nulls elsewhere.
cty::Value ObjectOfType(const cty::Type& type, std::map<std::string, cty::Value> given);

// A provider "jdcloud" config conforming to the provider schema.
cty::Value ProviderConfigValue(std::map<std::string, cty::Value> given = {});
// A complete, valid provider config with these credentials and region.
cty::Value FullProviderConfig(const std::string& access_key = "AKTEST",
                              const std::string& secret_key = "SK-very-secret-0123456789",
                              const std::string& region = "cn-north-1",
                              const std::string& endpoint = "http://127.0.0.1:9");

// A data "jdcloud_image" config conforming to the image schema.
cty::Value ImageConfig(const std::string& image_id, std::optional<std::string> region = std::nullopt);

provider::EnvLookup Env(std::map<std::string, std::string> variables = {});

// Every summary and detail, for searching.
std::string AllText(const provider::Diagnostics& diagnostics);

}  // namespace provider_test
