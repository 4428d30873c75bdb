#include "provider_client_base.h"

#include "cty/codec.h"

namespace harness {

void ProviderClientBase::Remember(const ServedSchemas& schemas) {
  std::lock_guard lock(mu_);
  if (!schemas_) schemas_ = schemas;
}

bool ProviderClientBase::HaveSchema() const {
  std::lock_guard lock(mu_);
  return schemas_.has_value();
}

std::optional<cty::Type> ProviderClientBase::ProviderConfigType() const {
  std::lock_guard lock(mu_);
  if (!schemas_) return std::nullopt;
  return ImpliedType(schemas_->provider);
}

std::optional<cty::Type> ProviderClientBase::DataSourceType(const std::string& type_name) const {
  std::lock_guard lock(mu_);
  if (!schemas_) return std::nullopt;
  auto it = schemas_->data_sources.find(type_name);
  if (it == schemas_->data_sources.end()) return std::nullopt;
  return ImpliedType(it->second);
}

std::string ProviderClientBase::Encode(const cty::Value& value, const std::optional<cty::Type>& type) {
  if (!type) return "";
  return cty::EncodeMsgpack(value, *type);
}

void ProviderClientBase::SetDeadline(grpc::ClientContext& ctx, const CallOptions& opts) {
  ctx.set_deadline(std::chrono::system_clock::now() + opts.deadline);
}

bool HasError(const std::vector<Diag>& diags) {
  for (const auto& d : diags) {
    if (d.severity == Diag::Severity::Error) return true;
  }
  return false;
}

std::string Describe(const std::vector<Diag>& diags) {
  std::string out;
  for (const auto& d : diags) {
    out += d.severity == Diag::Severity::Error     ? "Error: "
           : d.severity == Diag::Severity::Warning ? "Warning: "
                                                   : "Invalid-severity: ";
    out += d.summary;
    if (!d.path.empty()) out += " [at " + d.path + "]";
    out += " -- " + d.detail + "\n";
  }
  return out.empty() ? "(no diagnostics)\n" : out;
}

}  // namespace harness
