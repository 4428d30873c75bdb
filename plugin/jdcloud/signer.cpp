#include "jdcloud/signer.h"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "jdcloud/crypto.h"

namespace jdcloud {
namespace {

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Trims leading/trailing spaces and collapses inner runs of spaces to one, as
// the Go and C++ SDKs do (§1.3).
std::string NormalizeHeaderValue(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  bool pending_space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

Signer::Signer(std::string access_key, secret::Secret secret_key, SigningAlgorithm algorithm)
    : access_key_(std::move(access_key)), secret_key_(std::move(secret_key)), algorithm_(algorithm) {}

std::string Signer::CanonicalHeaders(const std::vector<std::pair<std::string, std::string>>& headers,
                                     std::string* signed_headers) {
  std::vector<std::pair<std::string, std::string>> lowered;
  lowered.reserve(headers.size());
  for (const auto& [name, value] : headers) lowered.emplace_back(ToLower(name), NormalizeHeaderValue(value));
  // Stable: repeated headers keep their order when joined with ',' below.
  std::stable_sort(lowered.begin(), lowered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string block;
  std::string names;
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    const auto& name = lowered[i].first;
    if (i > 0 && lowered[i - 1].first == name) {
      block.insert(block.size() - 1, "," + lowered[i].second);  // before the '\n'
      continue;
    }
    block += name + ":" + lowered[i].second + "\n";
    if (!names.empty()) names.push_back(';');
    names += name;
  }
  if (signed_headers) *signed_headers = names;
  return block;
}

std::string Signer::CanonicalRequest(const SignableRequest& request, std::string* signed_headers) {
  std::string names;
  std::string out;
  for (char c : request.method) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  out += "\n" + jdcloud::EncodePath(request.path);
  out += "\n" + CanonicalQueryString(request.query);
  out += "\n" + CanonicalHeaders(request.headers, &names);
  out += "\n" + names;
  out += "\n" + HexEncode(Sha256(request.body));
  if (signed_headers) *signed_headers = std::move(names);
  return out;
}

SigningKeyChain Signer::DeriveSigningKey(std::string_view date8, std::string_view region,
                                         std::string_view service) const {
  SigningKeyChain chain;
  // Reads the secret in place: no "prefix + secret" string is ever built.
  chain[0] = HmacSha256(algorithm_.key_prefix, secret_key_.view(), date8);
  chain[1] = HmacSha256(chain[0], region);
  chain[2] = HmacSha256(chain[1], service);
  chain[3] = HmacSha256(chain[2], algorithm_.scope_terminator);
  return chain;
}

Signature Signer::Sign(const SignableRequest& request, std::string_view date) const {
  Signature s;
  const std::string_view date8 = date.substr(0, std::min<std::size_t>(8, date.size()));
  s.canonical_request = CanonicalRequest(request, &s.signed_headers);
  s.credential_scope = std::string(date8) + "/" + request.region + "/" + request.service + "/" +
                       std::string(algorithm_.scope_terminator);
  s.string_to_sign = std::string(algorithm_.name) + "\n" + std::string(date) + "\n" + s.credential_scope +
                     "\n" + HexEncode(Sha256(s.canonical_request));
  SigningKeyChain chain = DeriveSigningKey(date8, request.region, request.service);
  s.signature = HexEncode(HmacSha256(chain[3], s.string_to_sign));
  for (std::string& key : chain) secret::WipeString(key);  // derived from the secret
  s.authorization = std::string(algorithm_.name) + " Credential=" + access_key_ + "/" + s.credential_scope +
                    ", SignedHeaders=" + s.signed_headers + ", Signature=" + s.signature;
  return s;
}

std::string Signer::FormatDate(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string Signer::NewNonce() {
  std::string b = RandomBytes(16);
  b[6] = static_cast<char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string hex = HexEncode(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

}  // namespace jdcloud
