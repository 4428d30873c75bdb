// libFuzzer target: the signer's canonicalisation of arbitrary requests.
// Input lines: method, path, query ("a=b&c"), then "name:value" headers; a
// line "--" starts the body. Signing must be deterministic, the signature 64
// hex digits, and -- when query names/values and header names are unique --
// independent of the order of query parameters and headers ("any order").
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jdcloud/signer.h"

namespace {

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::pair<std::string, std::string> Pair(std::string_view text, char sep) {
  size_t at = text.find(sep);
  if (at == std::string_view::npos) return {std::string(text), ""};
  return {std::string(text.substr(0, at)), std::string(text.substr(at + 1))};
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

jdcloud::SignableRequest Parse(std::string_view input, std::string_view date) {
  jdcloud::SignableRequest request;
  request.region = "cn-north-1";
  request.service = "vm";
  auto lines = Split(input, '\n');
  size_t i = 0;
  if (i < lines.size()) request.method = std::string(lines[i++]);
  if (i < lines.size()) request.path = std::string(lines[i++]);
  if (i < lines.size()) {
    std::string_view query = lines[i++];
    if (!query.empty())
      for (auto part : Split(query, '&')) request.query.push_back(Pair(part, '='));
  }
  request.headers.emplace_back(std::string(jdcloud::kDateHeader), std::string(date));
  for (; i < lines.size(); ++i) {
    if (lines[i] == "--") {
      for (++i; i < lines.size(); ++i) request.body.append(lines[i]).append("\n");
      break;
    }
    auto header = Pair(lines[i], ':');
    if (Lower(header.first) == jdcloud::kDateHeader) continue;  // one date header
    request.headers.push_back(std::move(header));
  }
  return request;
}

bool Unique(const jdcloud::SignableRequest& r) {
  std::set<std::string> names;
  for (const auto& [name, value] : r.headers)
    if (!names.insert(Lower(name)).second) return false;
  std::set<std::pair<std::string, std::string>> query(r.query.begin(), r.query.end());
  std::set<std::string> query_names;
  for (const auto& [name, value] : r.query) query_names.insert(name);
  return query.size() == r.query.size() && query_names.size() == r.query.size();
}

bool IsHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const jdcloud::Signer signer("AKTESTDOUBLE0000000", "SKTESTDOUBLE000000000000000000000");
  constexpr std::string_view date = "20261127T180000Z";
  std::string_view input(reinterpret_cast<const char*>(data), size);
  jdcloud::SignableRequest request = Parse(input, date);

  jdcloud::Signature first = signer.Sign(request, date);
  if (!IsHex64(first.signature)) std::abort();
  if (signer.Sign(request, date).signature != first.signature) std::abort();
  (void)jdcloud::Signer::EncodePath(request.path);

  if (Unique(request)) {
    std::reverse(request.query.begin(), request.query.end());
    std::reverse(request.headers.begin(), request.headers.end());
    if (signer.Sign(request, date).signature != first.signature) std::abort();
  }
  return 0;
}
