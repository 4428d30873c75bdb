#include "plugin_client.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <grpcpp/impl/codegen/client_unary_call.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/impl/codegen/rpc_method.h>

#include "grpc_controller.grpc.pb.h"
#include "probe_service.h"

namespace transport_test {

HandshakeFields SplitHandshake(const std::string& line) {
  HandshakeFields out;
  size_t start = 0;
  while (true) {
    const size_t bar = line.find('|', start);
    out.fields.push_back(line.substr(start, bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (out.fields.size() >= 4) {
    const std::string& address = out.fields[3];
    if (address.starts_with("127.0.0.1:")) out.port = std::stoi(address.substr(10));
  }
  return out;
}

std::optional<std::string> DecodeBase64NoPadding(const std::string& text) {
  if (text.find('=') != std::string::npos) return std::nullopt;
  std::string padded = text;
  const size_t pad = (4 - padded.size() % 4) % 4;
  if (pad == 3) return std::nullopt;
  padded.append(pad, '=');
  std::string out(padded.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(padded.data()),
                                static_cast<int>(padded.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

std::string CertPemFromHandshake(const std::string& base64_der) {
  auto der = DecodeBase64NoPadding(base64_der);
  if (!der) return "";
  const auto* p = reinterpret_cast<const unsigned char*>(der->data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der->size()));
  if (cert == nullptr) return "";
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  X509_free(cert);
  return pem;
}

std::shared_ptr<grpc::Channel> Connect(int port, const std::string& server_cert_pem,
                                       const transport::ServerIdentity* client) {
  const std::string target = "127.0.0.1:" + std::to_string(port);
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(256 << 20);
  if (server_cert_pem.empty()) {
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = server_cert_pem;
  if (client != nullptr) {
    ssl.pem_private_key = std::string(client->key_pem.view());
    ssl.pem_cert_chain = client->cert_pem;
  }
  args.SetSslTargetNameOverride("localhost");  // go-plugin verifies ServerName "localhost"
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(ssl), args);
}

namespace {

void SetDeadline(grpc::ClientContext& context, std::chrono::milliseconds timeout) {
  context.set_deadline(std::chrono::system_clock::now() + timeout);
}

}  // namespace

SleepResult CallSleep(const std::shared_ptr<grpc::Channel>& channel, int sleep_ms,
                      bool ignore_stop, std::chrono::milliseconds deadline) {
  grpc::ClientContext context;
  SetDeadline(context, deadline);
  context.AddMetadata(std::string(kSleepMsKey), std::to_string(sleep_ms));
  if (ignore_stop) context.AddMetadata(std::string(kIgnoreStopKey), "1");
  const grpc::internal::RpcMethod method(kSleepMethod, grpc::internal::RpcMethod::NORMAL_RPC,
                                         channel);
  plugin::Empty request, response;
  SleepResult result;
  result.status = grpc::internal::BlockingUnaryCall<plugin::Empty, plugin::Empty,
                                                    grpc::protobuf::MessageLite,
                                                    grpc::protobuf::MessageLite>(
      channel.get(), method, &context, request, &response);
  const auto& trailers = context.GetServerTrailingMetadata();
  if (auto it = trailers.find(std::string(kProtocolVersionKey)); it != trailers.end()) {
    result.protocol_version.assign(it->second.data(), it->second.size());
  }
  return result;
}

std::optional<int> HealthCheck(const std::shared_ptr<grpc::Channel>& channel,
                               const std::string& service) {
  // HealthCheckRequest { string service = 1; } encoded by hand: no health proto is installed.
  std::string request_bytes = "\x0a";
  request_bytes += static_cast<char>(service.size());
  request_bytes += service;
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1), response;
  grpc::ClientContext context;
  SetDeadline(context, std::chrono::seconds(5));
  const grpc::internal::RpcMethod method("/grpc.health.v1.Health/Check",
                                         grpc::internal::RpcMethod::NORMAL_RPC, channel);
  const grpc::Status status = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel.get(), method, &context, request, &response);
  if (!status.ok()) return std::nullopt;
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return std::nullopt;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  // HealthCheckResponse { ServingStatus status = 1; }: absent field = 0 (UNKNOWN).
  if (bytes.empty()) return 0;
  if (bytes.size() == 2 && bytes[0] == '\x08') return static_cast<int>(bytes[1]);
  return std::nullopt;
}

grpc::Status CallShutdown(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = plugin::GRPCController::NewStub(channel);
  grpc::ClientContext context;
  SetDeadline(context, std::chrono::seconds(5));
  plugin::Empty request, response;
  return stub->Shutdown(&context, request, &response);
}

}  // namespace transport_test
