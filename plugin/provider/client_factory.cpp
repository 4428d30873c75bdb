#include "provider/client_factory.h"

#include <utility>

namespace provider {

ClientFactory DefaultClientFactory() {
  return [](jdcloud::ClientOptions options, jdcloud::Credentials credentials) {
    return jdcloud::Client::Create(std::move(options), std::move(credentials));
  };
}

}  // namespace provider
