#include "test_support.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace api_double::testing {

std::unique_ptr<ApiDouble> StartDouble(ApiDoubleOptions options) {
  auto server = ApiDouble::Start(std::move(options));
  if (!server) FAIL("the API double did not start: " << server.error());
  return std::move(*server);
}

std::string CatalogDir() { return (std::filesystem::path(DefaultFixturesDir()) / "catalog").string(); }

namespace {

PreparedRequest PrepareGet(int port, const std::string& region, const std::string& path,
                           const jdcloud::QueryParams& query, const SignOptions& options) {
  PreparedRequest out;
  out.path = path;
  if (!query.empty()) out.path += "?" + jdcloud::CanonicalQueryString(query);
  const std::string date = options.date.value_or(jdcloud::Signer::FormatDate(std::chrono::system_clock::now()));
  const std::string nonce = options.nonce.value_or(jdcloud::Signer::NewNonce());
  const std::string host = "127.0.0.1:" + std::to_string(port);

  jdcloud::SignableRequest signable;
  signable.method = "GET";
  signable.path = path;
  signable.query = query;
  signable.headers = {{"content-type", "application/json"}, {"host", host}};
  if (options.sign_date) signable.headers.emplace_back("x-jdcloud-date", date);
  if (options.sign_nonce) signable.headers.emplace_back("x-jdcloud-nonce", nonce);
  signable.region = options.scope_region.value_or(region);
  signable.service = options.service;
  const jdcloud::Signer signer(options.access_key, options.secret_key, options.algorithm);
  const jdcloud::Signature signature = signer.Sign(signable, date);

  out.headers = {{"Content-Type", "application/json"},
                 {"Host", host},
                 {"x-jdcloud-date", date},
                 {"x-jdcloud-nonce", nonce},
                 {"User-Agent", "api-double-test/1"}};
  if (options.send_authorization) out.headers.emplace("Authorization", signature.authorization);
  return out;
}

}  // namespace

PreparedRequest PrepareDescribeImage(int port, const std::string& region, const std::string& image_id,
                                     const SignOptions& options) {
  return PrepareGet(port, region, "/v1/regions/" + region + "/images/" + image_id, {}, options);
}

PreparedRequest PrepareDescribeImages(int port, const std::string& region, const jdcloud::QueryParams& params,
                                      const SignOptions& options) {
  return PrepareGet(port, region, "/v1/regions/" + region + "/images", params, options);
}

httplib::Result Send(httplib::Client& client, const PreparedRequest& request) {
  return client.Get(request.path.c_str(), request.headers);
}

httplib::Result DescribeImage(const ApiDouble& server, const std::string& region, const std::string& image_id,
                              const SignOptions& options) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(10, 0);
  return Send(client, PrepareDescribeImage(server.port(), region, image_id, options));
}

httplib::Result DescribeImages(const ApiDouble& server, const std::string& region, const jdcloud::QueryParams& params,
                               const SignOptions& options) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(10, 0);
  return Send(client, PrepareDescribeImages(server.port(), region, params, options));
}

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  INFO("body: " << text.substr(0, 300));
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

int AddFaults(const ApiDouble& server, const std::string& json) {
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Post("/__double/faults", json, "application/json");
  REQUIRE(res);
  INFO("fault " << json << " -> " << res->body);
  return res->status;
}

rapidjson::Document FixtureImage(const std::string& image_id) {
  std::ifstream in(std::filesystem::path(DefaultFixturesDir()) / "images" / (image_id + ".json"));
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  rapidjson::Document doc = ParseJson(text.str());
  doc.RemoveMember("__double");
  return doc;
}

std::string TempPath(const std::string& stem) {
  return (std::filesystem::temp_directory_path() /
          (stem + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count())))
      .string();
}

}  // namespace api_double::testing
