#include "plugin_process.h"

namespace harness {
namespace {

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

constexpr int kMaxMessageBytes = 256 << 20;

}  // namespace

Environment CleanEnvironment() {
  Environment env;
  for (auto& [k, v] : CurrentEnvironment()) {
    if (StartsWith(k, "JDCLOUD_") || StartsWith(k, "TF_LOG") || StartsWith(k, "PLUGIN_") ||
        k == kMagicCookieKey || k == "TF_REATTACH_PROVIDERS") {
      continue;
    }
    env[k] = v;
  }
  return env;
}

PluginProcess::PluginProcess(PluginOptions options) : options_(std::move(options)) {
  Environment env = options_.clean_environment ? CleanEnvironment() : CurrentEnvironment();
  if (options_.magic_cookie) env[kMagicCookieKey] = kMagicCookieValue;
  if (options_.protocol_versions) env["PLUGIN_PROTOCOL_VERSIONS"] = *options_.protocol_versions;
  env["PLUGIN_MIN_PORT"] = "10000";
  env["PLUGIN_MAX_PORT"] = "25000";
  if (options_.auto_mtls) {
    cert_ = ClientCertificate::Generate();
    env["PLUGIN_CLIENT_CERT"] = cert_.cert_pem;
  }
  for (auto& [k, v] : options_.extra_env) env[k] = v;

  std::vector<std::string> argv{options_.binary};
  argv.insert(argv.end(), options_.args.begin(), options_.args.end());
  process_ = std::make_unique<ChildProcess>(std::move(argv), env);
}

const std::expected<HandshakeLine, std::string>& PluginProcess::Handshake(
    std::chrono::milliseconds timeout) {
  if (handshake_) return *handshake_;
  if (!process_->error().empty()) {
    handshake_ = std::unexpected(process_->error());
    return *handshake_;
  }
  auto line = process_->FirstStdoutLine(timeout);
  if (!line) {
    handshake_ = std::unexpected("no handshake line (stdout so far: \"" + process_->StdoutSoFar() +
                                 "\", stderr: \"" + process_->StderrSoFar() + "\")");
  } else {
    handshake_ = HandshakeLine::Parse(*line);
  }
  return *handshake_;
}

std::string PluginProcess::StdoutAfterHandshake() {
  std::string out = process_->StdoutSoFar();
  auto nl = out.find('\n');
  return nl == std::string::npos ? "" : out.substr(nl + 1);
}

std::shared_ptr<grpc::Channel> PluginProcess::MakeChannel(
    std::shared_ptr<grpc::ChannelCredentials> creds) {
  const auto& hs = Handshake();
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  args.SetMaxReceiveMessageSize(kMaxMessageBytes);
  args.SetMaxSendMessageSize(kMaxMessageBytes);
  // Each channel gets its own connection: a refused client must not share a
  // subchannel with an accepted one.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  std::string target = hs ? hs->GrpcTarget() : "127.0.0.1:1";
  return grpc::CreateCustomChannel(target, creds, args);
}

std::shared_ptr<grpc::Channel> PluginProcess::Connect() {
  const auto& hs = Handshake();
  if (hs && !hs->cert_der) return ConnectPlaintext();
  return ConnectPresenting(cert_);
}

std::shared_ptr<grpc::Channel> PluginProcess::ConnectPresenting(const ClientCertificate& cert) {
  const auto& hs = Handshake();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = hs ? hs->CertificatePem() : "";
  ssl.pem_private_key = cert.key_pem;
  ssl.pem_cert_chain = cert.cert_pem;
  return MakeChannel(grpc::SslCredentials(ssl));
}

std::shared_ptr<grpc::Channel> PluginProcess::ConnectPlaintext() {
  return MakeChannel(grpc::InsecureChannelCredentials());
}

}  // namespace harness
