#include "signature_check.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "jdcloud/signer.h"

namespace api_double {
namespace {

constexpr std::string_view kTokenHeader = "x-jdcloud-security-token";

std::unexpected<AuthFailure> Refuse(std::string message) { return std::unexpected(AuthFailure{std::move(message)}); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (;;) {
    const auto pos = s.find(sep);
    out.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return out;
    s.remove_prefix(pos + 1);
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::vector<std::string> HeaderValues(const ReceivedRequest& request, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [n, v] : request.headers)
    if (EqualsIgnoreCase(n, name)) values.push_back(v);
  return values;
}

const jdcloud::SigningAlgorithm* AlgorithmNamed(std::string_view name) {
  // The gateway accepts both generations (reference §1.1).
  if (name == jdcloud::kJdcloud2.name) return &jdcloud::kJdcloud2;
  if (name == jdcloud::kJdcloud3.name) return &jdcloud::kJdcloud3;
  return nullptr;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> out;
  if (raw_query.empty()) return out;
  for (std::string_view piece : Split(raw_query, '&')) {
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    const std::string_view name = piece.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
    out.emplace_back(PercentDecode(name), PercentDecode(value));
  }
  return out;
}

std::optional<SignatureCheck::Clock::time_point> ParseJdcloudDate(std::string_view date) {
  if (date.size() != 16 || date[8] != 'T' || date[15] != 'Z') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14})
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) { return std::stoi(std::string(date.substr(pos, len))); };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  const std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  const auto tp = SignatureCheck::Clock::from_time_t(t);
  // timegm normalises 20240231 into March; a date that does not survive the
  // round trip was not a real calendar date.
  if (jdcloud::Signer::FormatDate(tp) != date) return std::nullopt;
  return tp;
}

std::expected<ParsedAuthorization, AuthFailure> ParseAuthorization(std::string_view header) {
  header = Trim(header);
  const auto space = header.find(' ');
  if (space == std::string_view::npos) return Refuse("invalid header authorization[gw]");
  ParsedAuthorization out;
  out.algorithm = std::string(header.substr(0, space));
  bool have_credential = false, have_signed = false, have_signature = false;
  for (std::string_view part : Split(header.substr(space + 1), ',')) {
    part = Trim(part);
    const auto eq = part.find('=');
    if (eq == std::string_view::npos) return Refuse("invalid header authorization[gw]");
    const std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
    bool* seen = key == "Credential" ? &have_credential
                 : key == "SignedHeaders" ? &have_signed
                 : key == "Signature" ? &have_signature
                 : nullptr;
    if (!seen || *seen) return Refuse("invalid header authorization[gw]");
    *seen = true;
    if (key == "Credential") {
      const auto scope = Split(value, '/');
      if (scope.size() != 5) return Refuse("invalid credential in header authorization[gw]");
      out.access_key = scope[0];
      out.date8 = scope[1];
      out.region = scope[2];
      out.service = scope[3];
      out.terminator = scope[4];
    } else if (key == "SignedHeaders") {
      out.signed_headers = value;
    } else {
      out.signature = value;
    }
  }
  if (!have_credential || !have_signed || !have_signature) return Refuse("invalid header authorization[gw]");
  return out;
}

SignatureCheck::SignatureCheck(Options options) : options_(std::move(options)) {}

std::expected<void, AuthFailure> SignatureCheck::Verify(const ReceivedRequest& request,
                                                        std::string_view path_region) {
  const auto auth_values = HeaderValues(request, "authorization");
  if (auth_values.empty()) return Refuse("lack of header authorization[gw]");
  if (auth_values.size() > 1) return Refuse("duplicate header authorization[gw]");
  auto auth = ParseAuthorization(auth_values.front());
  if (!auth) return std::unexpected(auth.error());
  const jdcloud::SigningAlgorithm* algorithm = AlgorithmNamed(auth->algorithm);
  if (!algorithm) return Refuse("unsupported signing algorithm[gw]");
  // Not constant time: an access key is an identifier, not a secret.
  if (auth->access_key != options_.access_key) return Refuse("invalid accesskey[gw]");

  std::vector<std::string> signed_names;
  for (std::string_view name : Split(auth->signed_headers, ';')) signed_names.emplace_back(name);
  auto is_signed = [&](std::string_view name) {
    return std::find(signed_names.begin(), signed_names.end(), name) != signed_names.end();
  };
  if (!is_signed(jdcloud::kDateHeader) || !is_signed(jdcloud::kNonceHeader))
    return Refuse("x-jdcloud-date and x-jdcloud-nonce must be signed[gw]");
  if (!HeaderValues(request, kTokenHeader).empty() && !is_signed(kTokenHeader))
    return Refuse("x-jdcloud-security-token must be signed[gw]");
  if (!options_.session_token.empty()) {
    // Not constant time: this is a test double, and the token was signed.
    const auto tokens = HeaderValues(request, kTokenHeader);
    if (tokens.empty()) return Refuse("lack of header x-jdcloud-security-token for temporary credentials[gw]");
    if (tokens.size() != 1 || tokens.front() != options_.session_token)
      return Refuse("invalid x-jdcloud-security-token[gw]");
  }

  std::vector<std::pair<std::string, std::string>> signed_headers;
  for (const auto& name : signed_names) {
    const auto values = HeaderValues(request, name);
    if (name.empty() || values.empty()) return Refuse("signed header '" + name + "' is missing[gw]");
    for (const auto& v : values) signed_headers.emplace_back(name, v);
  }

  const auto dates = HeaderValues(request, jdcloud::kDateHeader);
  const auto nonces = HeaderValues(request, jdcloud::kNonceHeader);
  if (dates.size() != 1 || nonces.size() != 1 || nonces.front().empty())
    return Refuse("x-jdcloud-date and x-jdcloud-nonce must be sent once each[gw]");
  const std::string& date = dates.front();
  const auto signed_at = ParseJdcloudDate(date);
  if (!signed_at) return Refuse("invalid x-jdcloud-date, expected YYYYMMDDTHHMMSSZ[gw]");
  const auto now = options_.now();
  if (*signed_at < now - options_.max_clock_skew || *signed_at > now + options_.max_clock_skew)
    return Refuse("request date is out of the allowed range of the server time[gw]");

  if (auth->date8 != std::string_view(date).substr(0, 8))
    return Refuse("credential date does not match x-jdcloud-date[gw]");
  if (auth->region != path_region) return Refuse("credential region does not match the request region[gw]");
  if (auth->service != options_.service) return Refuse("credential service must be " + options_.service + "[gw]");
  if (auth->terminator != algorithm->scope_terminator) return Refuse("invalid credential terminator[gw]");

  jdcloud::SignableRequest signable;
  signable.method = request.method;
  signable.path = request.path;
  signable.query = ParseQuery(request.raw_query);
  signable.headers = std::move(signed_headers);
  signable.body = request.body;
  signable.region = auth->region;
  signable.service = auth->service;
  const jdcloud::Signer signer(options_.access_key, options_.secret_key, *algorithm);
  const jdcloud::Signature expected = signer.Sign(signable, date);
  if (!ConstantTimeEquals(expected.signature, auth->signature) || expected.signed_headers != auth->signed_headers)
    return Refuse("sign result is not same [gw]");

  // Only a correctly signed request burns its nonce, and it stays burnt for
  // as long as its date could still pass the skew check.
  if (!nonces_.Remember(nonces.front(), *signed_at + options_.max_clock_skew, now))
    return Refuse("nonce has been used, replay request is not allowed[gw]");
  return {};
}

}  // namespace api_double
