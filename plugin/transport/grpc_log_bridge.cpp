#include "transport/grpc_log_bridge.h"

#include <grpc/support/log.h>

#include <string>

#include "log/log.h"

namespace transport {
namespace {

void Forward(gpr_log_func_args* args) {
  logging::Level level = logging::Level::Error;
  if (args->severity == GPR_LOG_SEVERITY_DEBUG) level = logging::Level::Debug;
  if (args->severity == GPR_LOG_SEVERITY_INFO) level = logging::Level::Info;
  if (!logging::Enabled(level)) return;
  const std::string caller =
      std::string(args->file != nullptr ? args->file : "") + ":" + std::to_string(args->line);
  logging::Write(level, args->message != nullptr ? args->message : "",
                 {{"@caller", caller}, {"component", "grpc"}});
}

}  // namespace

void RouteGrpcLogsToHclog() { gpr_set_log_function(&Forward); }

}  // namespace transport
