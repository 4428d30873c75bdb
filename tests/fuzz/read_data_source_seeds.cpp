// Writes the ReadDataSource fuzz seeds: requests as Terraform sends them
// (msgpack config against the served schema), plus JSON config, an unknown
// image_id, a wrong type name and fake-client failures.
//   fuzz_read_data_source_seeds OUTPUT_DIR
#include <cstdio>
#include <fstream>
#include <string>

#include "read_data_source_setup.h"

namespace {

void Write(const std::string& dir, const std::string& name, const tfplugin6::ReadDataSource::Request& r) {
  std::ofstream(dir + "/" + name, std::ios::binary) << r.SerializeAsString();
}

tfplugin6::ReadDataSource::Request Msgpack(const fuzz_read::Setup& s, const std::string& json) {
  tfplugin6::ReadDataSource::Request r;
  r.set_type_name("jdcloud_image");
  auto value = cty::DecodeJson(json, s.DataSourceType());
  if (!value) std::abort();
  r.mutable_config()->set_msgpack(cty::EncodeMsgpack(*value, s.DataSourceType()));
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  fuzz_read::Setup s;
  for (const char* id : {"img-m5s0f7ss4c", "img-h8ly274zg9", "img-sparse0001", "img-allnulls01", "img-unicode001",
                         "img-unusable01", "img-minimal001", "img-nosuch0001", "img-throttled01", "img-broken0001"})
    Write(dir, std::string("msgpack_") + id, Msgpack(s, std::string(R"({"image_id":")") + id + R"("})"));
  Write(dir, "msgpack_region", Msgpack(s, R"({"image_id":"img-pending001","region":"cn-south-1"})"));
  Write(dir, "msgpack_bad_id", Msgpack(s, R"({"image_id":"not an image"})"));

  auto unknown = Msgpack(s, R"({"image_id":"img-m5s0f7ss4c"})");
  unknown.mutable_client_capabilities()->set_deferral_allowed(true);
  Write(dir, "msgpack_deferral_allowed", unknown);

  tfplugin6::ReadDataSource::Request json;
  json.set_type_name("jdcloud_image");
  json.mutable_config()->set_json(R"({"image_id":"img-win2019uefi","region":"cn-east-2"})");
  Write(dir, "json_config", json);

  auto wrong = Msgpack(s, R"({"image_id":"img-m5s0f7ss4c"})");
  wrong.set_type_name("jdcloud_instance");
  Write(dir, "wrong_type_name", wrong);
  return 0;
}
