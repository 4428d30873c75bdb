#include "provider/provider_schema.h"

#include <string>

#include "provider/schema_builder.h"

namespace provider {
namespace {

std::string WithEnv(std::string text, const ProviderArgument& arg) {
  return text + " Falls back to the `" + std::string(arg.env) + "` environment variable.";
}

}  // namespace

Schema BuildProviderSchema() {
  using cty::Type;
  Schema schema;
  schema.block.description = "The JD Cloud provider reads JD Cloud resources through the JD Cloud OpenAPI.";
  auto& attrs = schema.block.attributes;
  attrs.push_back(OptionalAttribute(std::string(kAccessKeyArg.name), Type::String(),
                                    WithEnv("JD Cloud access key (required in effect).", kAccessKeyArg)));
  Attribute secret = OptionalAttribute(
      std::string(kSecretKeyArg.name), Type::String(),
      WithEnv("JD Cloud secret key (required in effect). Never logged or shown.", kSecretKeyArg));
  secret.sensitive = true;
  attrs.push_back(std::move(secret));
  Attribute token = OptionalAttribute(
      std::string(kSessionTokenArg.name), Type::String(),
      WithEnv("Session token of temporary (STS) credentials, sent as `x-jdcloud-security-token` and signed. "
              "Never logged or shown.",
              kSessionTokenArg));
  token.sensitive = true;
  attrs.push_back(std::move(token));
  attrs.push_back(OptionalAttribute(
      std::string(kRegionArg.name), Type::String(),
      WithEnv("Default region, e.g. `cn-north-1`; required unless every data block sets its own.",
              kRegionArg)));
  attrs.push_back(OptionalAttribute(
      std::string(kEndpointArg.name), Type::String(),
      WithEnv("Base URL of the VM API. Default `https://vm.jdcloud-api.com`; `http://127.0.0.1:PORT` for the local API double.", kEndpointArg)));
  attrs.push_back(OptionalAttribute(
      std::string(kMaxRetriesArg.name), Type::Number(),
      WithEnv("Retries after the first attempt for network failures, throttling (HTTP 429 `RATE_LIMIT`) and "
              "HTTP 500, 502, 503 and 504, with capped exponential backoff and full jitter; `Retry-After` is "
              "honoured up to 30 seconds. 0 to 20. Default 3.",
              kMaxRetriesArg)));
  attrs.push_back(OptionalAttribute(
      std::string(kRequestTimeoutArg.name), Type::Number(),
      WithEnv("Timeout of each HTTP attempt as a whole (connect, TLS, status line, headers, body) in seconds, "
              "1 to 3600. Default 30.",
              kRequestTimeoutArg)));
  attrs.push_back(OptionalAttribute(
      std::string(kCaFileArg.name), Type::String(),
      WithEnv("PEM file of extra root certificates trusted for an https endpoint, in addition to the system "
              "store (a private CA). Unreadable, or without a certificate, is an error on this argument.",
              kCaFileArg)));
  return schema;
}

}  // namespace provider
