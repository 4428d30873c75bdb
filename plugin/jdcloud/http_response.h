// What the transport hands back for an HTTP answer, whatever its status.
#pragma once

#include <string>

namespace jdcloud {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string request_id;   // x-jdcloud-request-id header
  std::string retry_after;  // Retry-After header, raw
  std::string location;     // Location header, raw (redirects are not followed)
};

}  // namespace jdcloud
