#include "jdcloud/trusted_roots.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

TEST_CASE("ca_file: every certificate of a PEM bundle; unreadable or certificate-less files are errors", "[tls]") {
  const fs::path dir = fs::temp_directory_path() / ("jd-roots-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "empty.pem").flush();
  std::ofstream(dir / "junk.pem") << "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";

  auto missing = jdcloud::TrustedRoots::FromPemFile((dir / "missing.pem").string());
  REQUIRE_FALSE(missing.has_value());
  CHECK_THAT(missing.error(), Catch::Contains("cannot be read (No such file or directory)"));
  for (const char* name : {"empty.pem", "junk.pem"}) {
    auto none = jdcloud::TrustedRoots::FromPemFile((dir / name).string());
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error() == "holds no PEM certificate");
  }
  // The system bundle is a PEM file of many roots.
  if (fs::exists("/etc/ssl/certs/ca-certificates.crt")) {
    auto bundle = jdcloud::TrustedRoots::FromPemFile("/etc/ssl/certs/ca-certificates.crt");
    REQUIRE(bundle.has_value());
    CHECK((*bundle)->size() > 10);
    X509_STORE* store = (*bundle)->NewStore();
    REQUIRE(store != nullptr);
    X509_STORE_free(store);
  }
  fs::remove_all(dir);
}

TEST_CASE("the distribution's CA bundle is the first of Go's candidates that exists", "[tls]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("jd-bundle-" + std::to_string(::getpid()));
  fs::create_directories(dir / "a-directory.pem");
  { std::ofstream(dir / "second.pem") << "x"; }
  { std::ofstream(dir / "third.pem") << "x"; }
  const std::string missing = (dir / "missing.pem").string(), directory = (dir / "a-directory.pem").string(),
                    second = (dir / "second.pem").string(), third = (dir / "third.pem").string();
  const char* candidates[] = {missing.c_str(), directory.c_str(), second.c_str(), third.c_str()};
  CHECK(jdcloud::FirstReadableFile(candidates) == second);
  const char* none[] = {missing.c_str(), directory.c_str()};
  CHECK(jdcloud::FirstReadableFile(none).empty());
  // This machine is Debian: its bundle is the first candidate.
  if (!std::getenv("SSL_CERT_FILE") && fs::exists("/etc/ssl/certs/ca-certificates.crt"))
    CHECK(jdcloud::SystemCertificateBundle() == "/etc/ssl/certs/ca-certificates.crt");
  fs::remove_all(dir);
}
