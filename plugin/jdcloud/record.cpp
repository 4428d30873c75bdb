#include "jdcloud/record.h"

#include <cstdlib>

namespace jdcloud {

std::size_t RecordSpec::IndexOf(std::string_view attribute) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].attribute == attribute) return i;
  }
  std::abort();  // a caller named a field its table does not have: a programming error
}

const std::string* Record::GetString(std::string_view attribute) const {
  return std::get_if<std::string>(&Get(attribute));
}

std::optional<bool> Record::GetBool(std::string_view attribute) const {
  const bool* b = std::get_if<bool>(&Get(attribute));
  return b ? std::optional<bool>(*b) : std::nullopt;
}

}  // namespace jdcloud
