// Routes gRPC core's own log lines (plain text on stderr by default) into our
// hclog JSON lines, so Terraform levels them like the rest of our output and
// they follow TF_LOG_PROVIDER / TF_LOG.
#pragma once

namespace transport {

void RouteGrpcLogsToHclog();

}  // namespace transport
