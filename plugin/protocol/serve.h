// Runs one RPC body: times and logs it, and turns anything thrown inside into
// an error diagnostic in an otherwise empty response. Ordinary failures are
// diagnostics in a successful response, so the status is always OK.
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include <grpcpp/support/status.h>

#include "protocol/diagnostics.h"
#include "protocol/rpc_timer.h"

namespace protocol {

provider::Diagnostic InternalErrorDiagnostic(std::string_view what);

template <class Response>
void ReportInternalError(Response* response, std::string_view what) {
  response->Clear();  // a half-filled response could be taken for a result
  if constexpr (requires { response->mutable_diagnostics(); }) {
    AppendDiagnostic(InternalErrorDiagnostic(what), response->mutable_diagnostics());
  } else {
    response->set_error(std::string(what));  // Stop responses only have an Error string
  }
}

template <class Response, class Body>
grpc::Status Serve(std::string_view protocol_version, std::string_view rpc, std::string_view type_name,
                   Response* response, Body&& body) {
  RpcTimer timer(protocol_version, rpc, type_name);
  try {
    body();
  } catch (const std::exception& e) {
    ReportInternalError(response, e.what());
  } catch (...) {
    ReportInternalError(response, "unknown exception");
  }
  return grpc::Status::OK;
}

}  // namespace protocol
