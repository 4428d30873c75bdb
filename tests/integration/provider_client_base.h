// What the v5 and v6 clients share: the remembered schema and the encoding of
// request values against it.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "provider_client.h"

namespace harness {

class ProviderClientBase : public ProviderClient {
 public:
  std::optional<cty::Type> ProviderConfigType() const override;
  std::optional<cty::Type> DataSourceType(const std::string& type_name) const override;

 protected:
  void Remember(const ServedSchemas& schemas);
  bool HaveSchema() const;
  // msgpack of `value` encoded with `type` ("" when the type is unknown,
  // which the provider will reject, as it should).
  static std::string Encode(const cty::Value& value, const std::optional<cty::Type>& type);
  static void SetDeadline(grpc::ClientContext& ctx, const CallOptions& opts);

 private:
  mutable std::mutex mu_;
  std::optional<ServedSchemas> schemas_;
};

}  // namespace harness
