// libFuzzer target: a whole tfplugin6 ReadDataSource request (proto bytes)
// through the real v6 service and provider core, against a fake JD Cloud
// client serving the fixtures. The RPC must answer OK, every diagnostic must
// have a real severity and a summary, and a read without error diagnostics
// must return a state that decodes against the data source's type.
#include <cstdint>
#include <cstdlib>

#include "read_data_source_setup.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz_read::Setup setup;
  tfplugin6::ReadDataSource::Request request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return 0;
  tfplugin6::ReadDataSource::Response response;
  grpc::Status status = setup.service->ReadDataSource(nullptr, &request, &response);
  if (!status.ok()) std::abort();

  bool has_error = false;
  for (const auto& diagnostic : response.diagnostics()) {
    if (diagnostic.severity() == tfplugin6::Diagnostic::INVALID) std::abort();
    if (diagnostic.summary().empty()) std::abort();
    has_error |= diagnostic.severity() == tfplugin6::Diagnostic::ERROR;
  }
  if (!has_error && !response.has_deferred()) {
    if (!response.has_state()) std::abort();
    if (!cty::DecodeMsgpack(response.state().msgpack(), setup.DataSourceType())) std::abort();
  }
  return 0;
}
