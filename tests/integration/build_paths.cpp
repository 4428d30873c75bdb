#include "build_paths.h"

#include <cstdlib>

#ifndef JD_PROVIDER_BINARY
#error "the build must define JD_PROVIDER_BINARY"
#endif
#ifndef JD_API_DOUBLE_BINARY
#error "the build must define JD_API_DOUBLE_BINARY"
#endif
#ifndef JD_TF_READ_BINARY
#error "the build must define JD_TF_READ_BINARY"
#endif
#ifndef JD_FIXTURES_DIR
#error "the build must define JD_FIXTURES_DIR"
#endif

namespace harness {
namespace {

std::string FromEnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

}  // namespace

std::string ProviderBinary() { return FromEnvOr("JD_PROVIDER_BINARY", JD_PROVIDER_BINARY); }
std::string ApiDoubleBinary() { return FromEnvOr("JD_API_DOUBLE_BINARY", JD_API_DOUBLE_BINARY); }
std::string TfReadBinary() { return FromEnvOr("JD_TF_READ_BINARY", JD_TF_READ_BINARY); }
std::string FixturesDir() { return FromEnvOr("JD_FIXTURES_DIR", JD_FIXTURES_DIR); }

}  // namespace harness
