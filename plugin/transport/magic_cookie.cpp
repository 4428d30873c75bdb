#include "transport/magic_cookie.h"

#include <cstdlib>
#include <string>

namespace transport {

bool IsMagicCookie(const char* value) {
  return value != nullptr && std::string_view(value) == kMagicCookieValue;
}

bool HasMagicCookie() { return IsMagicCookie(std::getenv(std::string(kMagicCookieKey).c_str())); }

}  // namespace transport
