// Helpers for the API double's tests: start it in-process, send requests
// signed with the project's jdcloud::Signer (or deliberately mis-signed), and
// read JSON answers.
#pragma once

#include <httplib.h>
#include <rapidjson/document.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_double.h"
#include "jdcloud/signer.h"

namespace api_double::testing {

// A double on a free loopback port with the repository's fixtures.
std::unique_ptr<ApiDouble> StartDouble(ApiDoubleOptions options = {});

// tests/fixtures/catalog: the generated describeImages catalog
// (make-image-catalog.py).
std::string CatalogDir();

struct SignOptions {
  std::string access_key = kDefaultAccessKey;
  std::string secret_key = kDefaultSecretKey;
  std::optional<std::string> date;          // x-jdcloud-date; default: now
  std::optional<std::string> nonce;         // default: a fresh UUID
  std::optional<std::string> scope_region;  // default: the path's region
  std::string service = "vm";
  jdcloud::SigningAlgorithm algorithm = jdcloud::kJdcloud2;
  bool sign_date = true;   // include x-jdcloud-date in SignedHeaders
  bool sign_nonce = true;  // include x-jdcloud-nonce in SignedHeaders
  bool send_authorization = true;
};

struct PreparedRequest {
  std::string path;
  httplib::Headers headers;
};

// Headers and path of a describeImage request for 127.0.0.1:port, signed as
// `options` says.
PreparedRequest PrepareDescribeImage(int port, const std::string& region, const std::string& image_id,
                                     const SignOptions& options = {});

// A describeImages request: `params` (decoded, any order) go on the wire as
// the canonical query string, and are signed.
PreparedRequest PrepareDescribeImages(int port, const std::string& region, const jdcloud::QueryParams& params,
                                      const SignOptions& options = {});

httplib::Result Send(httplib::Client& client, const PreparedRequest& request);

// One-shot: a fresh client, a signed GET.
httplib::Result DescribeImage(const ApiDouble& server, const std::string& region, const std::string& image_id,
                              const SignOptions& options = {});

httplib::Result DescribeImages(const ApiDouble& server, const std::string& region, const jdcloud::QueryParams& params,
                               const SignOptions& options = {});

// Parses `text`; fails the current test when it is not JSON.
rapidjson::Document ParseJson(const std::string& text);

// POST /__double/faults with `json`; returns the HTTP status.
int AddFaults(const ApiDouble& server, const std::string& json);

// The fixture file of `image_id` as the API would return it (no "__double").
rapidjson::Document FixtureImage(const std::string& image_id);

std::string TempPath(const std::string& stem);

}  // namespace api_double::testing
