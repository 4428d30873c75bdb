// How the provider obtains a JD Cloud client. Production uses
// jdcloud::Client::Create; tests inject a fake client through this seam.
#pragma once

#include <expected>
#include <functional>
#include <memory>

#include "jdcloud/client.h"
#include "jdcloud/error.h"

namespace provider {

using ClientFactory = std::function<std::expected<std::unique_ptr<jdcloud::Client>, jdcloud::ApiError>(
    jdcloud::ClientOptions, jdcloud::Credentials)>;

// jdcloud::Client::Create.
ClientFactory DefaultClientFactory();

}  // namespace provider
