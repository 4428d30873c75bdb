// What every data source that calls JD Cloud checks before its first call:
// a configured provider with a usable client, a provider configuration known
// now (else deferral or a diagnostic saying why not), and the region to read
// from. Each failure is a ReadResult holding the diagnostic.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "cty/value.h"
#include "jdcloud/client.h"
#include "provider/data_source.h"

namespace provider {

struct ReadTarget {
  const ConfiguredState* state;  // owned by the ReadContext
  jdcloud::Client* client;
  std::string region;  // the data block's, else the provider's
};

// `what` names what is read in the diagnostics ("this image", "these images").
std::expected<ReadTarget, ReadResult> ResolveReadTarget(const cty::Value& config, const ReadContext& context,
                                                        std::string_view what);

ReadResult Failed(Diagnostics diagnostics);
ReadResult Failed(Diagnostic diagnostic);

bool IsKnownNonEmptyString(const cty::Value& v);

// An answer the parser accepted but Terraform cannot hold (a number beyond
// its range): a malformed answer, with no state.
jdcloud::ApiError UnmappableAnswer(const std::string& problem, const std::string& request_id);

}  // namespace provider
