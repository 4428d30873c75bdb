// Shared by the ReadDataSource fuzz target and its seed writer: a configured
// provider behind the real tfplugin6 service, with a fake JD Cloud client
// that serves the repo's fixtures (so reads reach the mapping) and fails for
// other ids in the ways the real client can.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "cty/codec.h"
#include "jdcloud/response_parser.h"
#include "protocol/v6_service.h"
#include "provider/provider_factory.h"
#include "tfplugin6.grpc.pb.h"

namespace fuzz_read {

class FixtureClient : public jdcloud::Client {
 public:
  std::expected<jdcloud::DescribeImageResult, jdcloud::ApiError> DescribeImage(
      const std::string& region, const std::string& image_id, jdcloud::Cancellation&) override {
    if (image_id.starts_with("img-throttled")) return std::unexpected(Error(jdcloud::ApiError::Kind::Throttled, 429));
    if (image_id.starts_with("img-broken")) return std::unexpected(Error(jdcloud::ApiError::Kind::MalformedBody, 200));
    std::filesystem::path file = std::filesystem::path(JD_FIXTURES_DIR) / "images" / (image_id + ".json");
    if (image_id.find('/') != std::string::npos || !std::filesystem::is_regular_file(file))
      return std::unexpected(Error(jdcloud::ApiError::Kind::NotFound, 404));
    std::ifstream in(file);
    std::string fixture((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    (void)region;
    auto parsed = jdcloud::ParseDescribeImageResponse(
        R"({"requestId":"fuzz","result":{"image":)" + fixture + "}}", "");
    if (!parsed) return parsed;
    // As the real client does: an answer for another image is refused.
    return jdcloud::RequireRequestedImage(std::move(*parsed), image_id);
  }

  // Every fixture is a match, whatever the conditions: the provider's own
  // selection (name_regex, mode rules, ordering) then runs on real images.
  std::expected<jdcloud::DescribeImagesResult, jdcloud::ApiError> DescribeImages(
      const std::string& region, const jdcloud::ImageSearch&, jdcloud::Cancellation& cancel) override {
    jdcloud::DescribeImagesResult result;
    result.calls = 1;
    result.request_id = "fuzz";
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(JD_FIXTURES_DIR) / "images")) {
      auto found = DescribeImage(region, entry.path().stem().string(), cancel);
      if (found) result.images.push_back(std::move(found->image));
    }
    return result;
  }

 private:
  static jdcloud::ApiError Error(jdcloud::ApiError::Kind kind, int status) {
    return jdcloud::ApiError{kind, status, "FUZZ", "injected by the fuzz client", "fuzz-request", 1};
  }
};

// The v6 service over a provider configured with fixed credentials; the
// environment is empty so nothing outside the request matters.
struct Setup {
  std::shared_ptr<provider::Provider> core;
  std::unique_ptr<grpc::Service> service_owner;
  tfplugin6::Provider::Service* service = nullptr;

  Setup() {
    provider::ProviderDependencies deps;
    deps.client_factory = [](jdcloud::ClientOptions, jdcloud::Credentials)
        -> std::expected<std::unique_ptr<jdcloud::Client>, jdcloud::ApiError> {
      return std::make_unique<FixtureClient>();
    };
    deps.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
    core = provider::CreateProvider(std::move(deps));
    service_owner = protocol::NewV6Service(core);
    service = dynamic_cast<tfplugin6::Provider::Service*>(service_owner.get());
    if (!service) std::abort();
    auto config = cty::DecodeJson(
        R"({"access_key":"AKTESTDOUBLE0000000","secret_key":"SKTESTDOUBLE000000000000000000000","region":"cn-north-1"})",
        core->ProviderSchema().block.ImpliedType());
    if (!config) std::abort();
    tfplugin6::ConfigureProvider::Request request;
    request.set_terraform_version("1.11.0");
    request.mutable_config()->set_msgpack(cty::EncodeMsgpack(*config, core->ProviderSchema().block.ImpliedType()));
    tfplugin6::ConfigureProvider::Response response;
    service->ConfigureProvider(nullptr, &request, &response);
    if (response.diagnostics_size() != 0) std::abort();
  }

  cty::Type DataSourceType() const {
    return core->DataSourceSchemas().at("jdcloud_image").block.ImpliedType();
  }
};

}  // namespace fuzz_read
