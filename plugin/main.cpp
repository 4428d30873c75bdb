// terraform-provider-jdcloud: wires the go-plugin transport, the tfplugin5/6
// adapters and the provider core. Terraform/OpenTofu start it with the magic
// cookie set; run by hand it explains itself and exits.
#include <malloc.h>
#include <sys/prctl.h>

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "log/log.h"
#include "protocol/v5_service.h"
#include "protocol/v6_service.h"
#include "provider/provider.h"
#include "transport/magic_cookie.h"
#include "transport/serve.h"

namespace {

// Terraform's name for the platform this binary is for, in the install paths below.
#if defined(__aarch64__)
#define PROVIDER_PLATFORM "linux_arm64"
#else
#define PROVIDER_PLATFORM "linux_amd64"
#endif

// Follows go-plugin's own sentence, in the same paragraph.
constexpr std::string_view kInstallHint =
    "\nterraform-provider-jdcloud " PROVIDER_VERSION " is the JD Cloud provider for Terraform and\n"
    "OpenTofu: install it with a dev_overrides block for \"terraform.local/jdcloud/jdcloud\"\n"
    "in your Terraform CLI configuration, or copy it to ~/.terraform.d/plugins/\n"
    "terraform.local/jdcloud/jdcloud/" PROVIDER_VERSION "/" PROVIDER_PLATFORM "/ and run terraform init.\n"
    "Run it with --help for details.\n";

constexpr const char* kProviderAddress = "terraform.local/jdcloud/jdcloud";

constexpr std::string_view kUsage =
    "terraform-provider-jdcloud " PROVIDER_VERSION "\n"
    "\n"
    "A Terraform (>= 0.13) and OpenTofu provider plugin for JD Cloud. It serves the\n"
    "data source jdcloud_image over the Terraform plugin protocol 5 and 6. Terraform\n"
    "starts it by itself; it is not meant to be run by hand.\n"
    "\n"
    "Usage:\n"
    "  terraform-provider-jdcloud --version   print the version and exit\n"
    "  terraform-provider-jdcloud --help      print this text and exit\n"
    "  terraform-provider-jdcloud --debug     serve for a debugger: prints a TF_REATTACH_PROVIDERS\n"
    "                                         value to export before running terraform; Ctrl-C stops\n"
    "\n"
    "Installing (provider address terraform.local/jdcloud/jdcloud):\n"
    "  Development: in ~/.terraformrc (or the file named by TF_CLI_CONFIG_FILE)\n"
    "    provider_installation {\n"
    "      dev_overrides {\n"
    "        \"terraform.local/jdcloud/jdcloud\" = \"/directory/containing/this/binary\"\n"
    "      }\n"
    "      direct {}\n"
    "    }\n"
    "  Local mirror (works with terraform init, offline): copy the binary to\n"
    "    ~/.terraform.d/plugins/terraform.local/jdcloud/jdcloud/" PROVIDER_VERSION "/" PROVIDER_PLATFORM "/\n"
    "  (`cmake --install` and `meson install` lay it out this way), then use\n"
    "    terraform { required_providers { jdcloud = { source = \"terraform.local/jdcloud/jdcloud\" } } }\n"
    "\n"
    "Environment (provider arguments take precedence; empty counts as unset):\n"
    "  JDCLOUD_ACCESS_KEY       access key (provider argument access_key)\n"
    "  JDCLOUD_SECRET_KEY       secret key (secret_key); never logged\n"
    "  JDCLOUD_REGION           region, e.g. cn-north-1 (region)\n"
    "  JDCLOUD_ENDPOINT         API base URL, default https://vm.jdcloud-api.com (endpoint)\n"
    "  JDCLOUD_MAX_RETRIES      retries of failed API calls, 0..20, default 3 (max_retries)\n"
    "  JDCLOUD_REQUEST_TIMEOUT  seconds per HTTP attempt, 1..3600, default 30 (request_timeout)\n"
    "  TF_LOG_PROVIDER, TF_LOG  log level (trace, debug, info, warn, error) of the JSON log\n"
    "                           lines the provider writes to stderr for Terraform\n";

void Print(std::FILE* stream, std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view arg = argc > 1 ? argv[1] : "";
  if (arg == "--version" || arg == "-version" || arg == "version") {
    Print(stdout, "terraform-provider-jdcloud " PROVIDER_VERSION "\n");
    return 0;
  }
  if (arg == "--help" || arg == "-help" || arg == "-h" || arg == "help") {
    Print(stdout, kUsage);
    return 0;
  }
  const bool debug = arg == "--debug" || arg == "-debug";
  // Not dumpable: no core dump (which would hold the configuration messages,
  // secret_key among them) and no ptrace or /proc/PID/mem by other processes
  // of the same user. A debugger needs the opposite, so --debug keeps it.
  if (!debug) prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  if (!debug && !transport::HasMagicCookie()) {
    Print(stderr, std::string(transport::kNotAPluginMessage) + std::string(kInstallHint));
    return 1;
  }

  // glibc gives each thread that allocates concurrently its own arena (up to
  // 8 per core) and keeps their freed memory: with Terraform's 10 parallel
  // reads that was 4 MiB of peak RSS for no measurable speed (tests/bench).
  mallopt(M_ARENA_MAX, 2);
  logging::InitFromEnvironment();
  std::shared_ptr<provider::Provider> provider;
  transport::ServeOptions options;
  options.debug = debug;
  options.provider_address = kProviderAddress;
  // At process stop, cancel in-flight API calls so running reads end at once.
  options.on_stop = [&provider] {
    if (provider) provider->Stop();
  };
  // Created lazily inside Serve, after its signal set-up (which must precede any thread).
  return transport::Serve(options, [&provider](int protocol_version) -> std::unique_ptr<grpc::Service> {
    if (!provider) provider = provider::Provider::Create();
    if (protocol_version == 5) return protocol::NewV5Service(provider);
    return protocol::NewV6Service(provider);
  });
}
