// One data source: its type name, schema, checks and read. The provider core
// serves whatever data_sources.cpp registers, so a data source is its own
// files (schema, validation, read) plus one line there; the framework parts
// (provider.cpp, schema building, diagnostics) know no data source by name.
#pragma once

#include <chrono>
#include <memory>
#include <string_view>

#include "cty/value.h"
#include "jdcloud/cancellation.h"
#include "provider/configured_state.h"
#include "provider/diagnostics.h"
#include "provider/provider.h"
#include "provider/schema.h"

namespace provider {

// Everything a read needs besides its own config, captured when it starts.
struct ReadContext {
  std::shared_ptr<const ConfiguredState> state;  // null: never configured
  std::shared_ptr<jdcloud::Cancellation> cancel;
  ClientCapabilities caps;
  std::chrono::system_clock::time_point now;
};

class DataSource {
 public:
  virtual ~DataSource() = default;

  virtual std::string_view TypeName() const = 0;
  // Built once, when the provider is created.
  virtual Schema BuildSchema() const = 0;
  // Checks on attribute paths that need no API call; unknown values are never errors.
  virtual Diagnostics Validate(const cty::Value& config) const = 0;
  // Safe to call from many threads at once.
  virtual ReadResult Read(const cty::Value& config, const ReadContext& context) const = 0;
};

}  // namespace provider
