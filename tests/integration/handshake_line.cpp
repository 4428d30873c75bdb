#include "handshake_line.h"

#include <charconv>
#include <memory>
#include <vector>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace harness {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

std::optional<int> ToInt(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> DecodeRawBase64(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = Base64Value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::expected<HandshakeLine, std::string> HandshakeLine::Parse(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  auto parts = Split(line, '|');
  if (parts.size() < 5) return std::unexpected("fewer than 5 fields: " + std::string(line));
  if (parts.size() > 6) return std::unexpected("more than 6 fields: " + std::string(line));
  HandshakeLine h;
  h.field_count = parts.size();
  auto core = ToInt(parts[0]);
  auto app = ToInt(parts[1]);
  if (!core || !app) return std::unexpected("non-numeric version fields: " + std::string(line));
  h.core_version = *core;
  h.app_version = *app;
  h.network = parts[2];
  h.address = parts[3];
  h.protocol = parts[4];
  if (parts.size() == 6) {
    if (parts[5].find('=') != std::string_view::npos) {
      return std::unexpected("certificate field has base64 padding");
    }
    auto der = DecodeRawBase64(parts[5]);
    if (!der) return std::unexpected("certificate field is not base64");
    h.cert_der = std::move(*der);
  }
  return h;
}

std::string HandshakeLine::GrpcTarget() const {
  return network == "unix" ? "unix:" + address : address;
}

std::string HandshakeLine::CertificatePem() const {
  if (!cert_der) return "";
  const auto* p = reinterpret_cast<const unsigned char*>(cert_der->data());
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &p, static_cast<long>(cert_der->size())), X509_free);
  if (!cert) return "";
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (PEM_write_bio_X509(bio.get(), cert.get()) != 1) return "";
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace harness
