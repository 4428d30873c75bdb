// tf-read: reads one jdcloud_image through the provider exactly as Terraform
// does during `terraform plan`, for machines without terraform (the demo).
// It launches the provider with the go-plugin handshake and AutoMTLS, then
// calls GetProviderSchema, ValidateProviderConfig, ConfigureProvider,
// ValidateDataResourceConfig and ReadDataSource, prints the data source's
// state as JSON on stdout and diagnostics as Terraform words them on stderr,
// and shuts the provider down. The provider takes its settings from the
// environment (JDCLOUD_ACCESS_KEY, JDCLOUD_SECRET_KEY, JDCLOUD_REGION,
// JDCLOUD_ENDPOINT, ...), which tf-read passes on as Terraform does.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <string>

#include "build_paths.h"
#include "config_object.h"
#include "plugin_controller.h"
#include "plugin_process.h"
#include "provider_client.h"
#include "terraform_wording.h"
#include "value_json.h"

using namespace harness;

namespace {

constexpr const char* kUsage = R"(Usage: tf-read --image-id IMAGE_ID [options]

Reads the jdcloud_image data source through terraform-provider-jdcloud the way
Terraform does, and prints its state as JSON.

Options:
  --image-id ID        the image to read (required)
  --region REGION      the data block's region (default: the provider's)
  --provider PATH      the provider binary (default: the one built with tf-read)
  --protocols LIST     PLUGIN_PROTOCOL_VERSIONS to offer (default 5,6)
  --name NAME          the data block's name in messages (default image)
  --help               this text

Provider settings come from the environment, as with Terraform:
JDCLOUD_ACCESS_KEY, JDCLOUD_SECRET_KEY, JDCLOUD_REGION, JDCLOUD_ENDPOINT,
JDCLOUD_MAX_RETRIES, JDCLOUD_REQUEST_TIMEOUT.
Exit status: 0 read, 1 error diagnostics or a failed call, 2 bad usage.
)";

constexpr const char* kProviderAddress = "provider[\"terraform.local/jdcloud/jdcloud\"]";

struct Args {
  std::string image_id;
  std::string region;
  std::string provider = ProviderBinary();
  std::string protocols = "5,6";
  std::string name = "image";
};

int Usage(const std::string& problem) {
  std::fprintf(stderr, "tf-read: %s\n\n%s", problem.c_str(), kUsage);
  return 2;
}

bool ParseArgs(int argc, char** argv, Args& args, int& exit_code) {
  std::map<std::string, std::string*> flags = {{"--image-id", &args.image_id}, {"--region", &args.region},
                                               {"--provider", &args.provider}, {"--protocols", &args.protocols},
                                               {"--name", &args.name}};
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::fputs(kUsage, stdout);
      exit_code = 0;
      return false;
    }
    auto it = flags.find(flag);
    if (it == flags.end()) {
      exit_code = Usage("unknown option " + flag);
      return false;
    }
    if (i + 1 >= argc) {
      exit_code = Usage(flag + " needs a value");
      return false;
    }
    *it->second = argv[++i];
  }
  if (args.image_id.empty()) {
    exit_code = Usage("--image-id is required");
    return false;
  }
  return true;
}

// Prints the diagnostics; true when there was an error (diagnostic or gRPC).
bool Report(const RpcOutcome& outcome, const std::string& rpc, const std::string& address) {
  for (const auto& d : outcome.diagnostics) std::cerr << RenderDiagnostic(d, address);
  if (!outcome.ok()) {
    // Terraform's wording for gRPC failures (reference §5.1).
    Diag d;
    d.severity = Diag::Severity::Error;
    if (outcome.status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      d.summary = "Unsupported plugin method";
      d.detail = "The " + rpc + " method is not supported by this plugin.";
    } else if (outcome.status.error_code() == grpc::StatusCode::UNAVAILABLE) {
      d.summary = "Plugin did not respond";
      d.detail = "The plugin encountered an error, and failed to respond to the " + rpc +
                 " call. The plugin logs may contain more details.";
    } else {
      d.summary = "Plugin error";
      d.detail = "The plugin returned an unexpected error from " + rpc + ": " + outcome.status.error_message();
    }
    std::cerr << RenderDiagnostic(d, address);
    return true;
  }
  return HasError(outcome.diagnostics);
}

int Run(const Args& args) {
  PluginOptions options;
  options.binary = args.provider;
  options.protocol_versions = args.protocols;
  options.clean_environment = false;
  PluginProcess plugin(options);
  const auto& hs = plugin.Handshake();
  if (!hs) {
    std::cerr << "tf-read: the provider did not start: " << hs.error() << "\n";
    return 1;
  }
  auto channel = plugin.Connect();
  auto client = MakeProviderClient(hs->app_version, channel);
  const std::string data_address = "data.jdcloud_image." + args.name;

  int exit_code = 0;
  auto run = [&]() -> bool {
    auto schema = client->GetSchema();
    if (Report(schema, "GetProviderSchema", kProviderAddress)) return false;
    auto provider_type = client->ProviderConfigType();
    auto image_type = client->DataSourceType("jdcloud_image");
    if (!provider_type || !image_type) {
      std::cerr << "tf-read: the provider serves no usable jdcloud_image schema\n";
      return false;
    }
    // No provider block arguments: everything comes from the environment.
    auto provider_config = ConfigObject(*provider_type, {});
    if (Report(client->ValidateProviderConfig(provider_config), "ValidateProviderConfig", kProviderAddress))
      return false;
    if (Report(client->ConfigureProvider(provider_config, "tf-read"), "ConfigureProvider", kProviderAddress))
      return false;
    std::map<std::string, cty::Value> set = {{"image_id", cty::Value::String(args.image_id)}};
    if (!args.region.empty()) set["region"] = cty::Value::String(args.region);
    auto data_config = ConfigObject(*image_type, set);
    if (Report(client->ValidateDataSourceConfig("jdcloud_image", data_config), "ValidateDataResourceConfig",
               data_address))
      return false;
    auto read = client->ReadDataSource("jdcloud_image", data_config);
    if (Report(read, "ReadDataSource", data_address)) return false;
    if (!read.state) {
      Diag d{Diag::Severity::Error, "Provider produced null object",
             "The provider returned no state for " + data_address + ". " + read.state_error, ""};
      std::cerr << RenderDiagnostic(d, data_address);
      return false;
    }
    std::cout << ValueToPrettyJson(*read.state) << std::endl;
    return true;
  };
  if (!run()) exit_code = 1;
  // Terraform shows provider logs only when logging is on; so do we.
  if (std::getenv("TF_LOG") != nullptr || std::getenv("TF_LOG_PROVIDER") != nullptr) std::cerr << plugin.Stderr();

  ShutdownPlugin(channel);
  if (!plugin.process().WaitExit(std::chrono::seconds(2))) {
    std::cerr << "tf-read: the provider did not exit within 2 s of Shutdown; killing it\n";
    plugin.process().Kill();
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  int exit_code = 0;
  if (!ParseArgs(argc, argv, args, exit_code)) return exit_code;
  return Run(args);
}
