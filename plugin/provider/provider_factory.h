// Building the provider with its outside dependencies made explicit: the JD
// Cloud client factory, the environment and the clock. Provider::Create()
// uses the real ones; tests inject fakes. Kept out of provider.h so the
// protocol layer never sees JD Cloud types.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "provider/client_factory.h"
#include "provider/environment.h"
#include "provider/provider.h"

namespace provider {

struct ProviderDependencies {
  ClientFactory client_factory;  // empty: DefaultClientFactory()
  EnvLookup env;                 // empty: ProcessEnvironment()
  std::function<std::chrono::system_clock::time_point()> now;  // empty: system_clock::now
};

std::unique_ptr<Provider> CreateProvider(ProviderDependencies dependencies);
std::unique_ptr<Provider> CreateProvider(ClientFactory client_factory);

}  // namespace provider
