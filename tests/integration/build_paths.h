// Where the built binaries and the fixtures are. The build system compiles
// the paths in (JD_PROVIDER_BINARY, JD_API_DOUBLE_BINARY, JD_TF_READ_BINARY,
// JD_FIXTURES_DIR);
// environment variables of the same names override them, so the tests can
// be pointed at another build.
#pragma once

#include <string>

namespace harness {

std::string ProviderBinary();
std::string ApiDoubleBinary();
std::string TfReadBinary();
std::string FixturesDir();  // tests/fixtures

}  // namespace harness
