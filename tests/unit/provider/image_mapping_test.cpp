// jdcloud::Image -> state: every attribute, nulls for absent fields, empty
// lists for empty arrays, tags as a map, exact conformance to the schema.
#include <catch2/catch.hpp>

#include "provider/image_mapping.h"
#include "provider/image_schema.h"

using cty::Type;
using cty::Value;

namespace {

jdcloud::CloudDisk RichCloudDisk() {
  jdcloud::CloudDisk d;
  d.disk_id = "vol-abc123";
  d.az = "cn-north-1a";
  d.name = "sys";
  d.description = "system volume";
  d.disk_type = "ssd.gp1";
  d.status = "in-use";
  d.create_time = "2023-06-01T08:00:00Z";
  d.snapshot_id = "snapshot-1";
  d.disk_size_gb = 40;
  d.iops = 3000;
  d.throughput = 150;
  d.multi_attachable = false;
  d.encrypted = true;
  jdcloud::DiskAttachment a;
  a.attach_time = "2023-06-02T00:00:00Z";
  a.attachment_id = "att-1";
  a.disk_id = "vol-abc123";
  a.instance_id = "i-8yi4jyr273";
  a.instance_type = "vm";
  a.status = "attached";
  d.attachments = std::vector<jdcloud::DiskAttachment>{a};
  jdcloud::Charge c;
  c.charge_mode = "postpaid_by_usage";
  c.charge_status = "normal";
  c.charge_start_time = "2023-06-01T08:00:00Z";
  c.charge_expired_time = "";
  c.charge_retire_time = "2099-01-01T00:00:00Z";
  d.charge = c;
  d.tags = std::vector<jdcloud::Tag>{{"env", "prod"}, {"team", "infra"}};
  return d;
}

jdcloud::Image RichImage() {
  jdcloud::Image i;
  i.image_id = "img-m5s0f7ss4c";
  i.name = "CentOS 7.9 64位";
  i.desc = "official image";
  i.architecture = "x86_64";
  i.os_type = "linux";
  i.os_version = "7.9";
  i.platform = "CentOS";
  i.image_source = "public";
  i.root_device_type = "cloudDisk";
  i.status = "ready";
  i.progress = "100";
  i.snapshot_id = "snapshot-xyz";
  i.create_time = "2023-06-01T08:00:00Z";
  i.launch_permission = "all";
  i.expired_time = "";
  i.boot_mode = "uefi";
  i.owner_pin = "jdcloud";
  i.instance_id = "i-source01";
  i.size_mb = 2048;
  i.system_disk_size_gb = 40;
  i.offline = false;
  i.imported = true;
  jdcloud::InstanceDiskAttachment sys;
  sys.auto_delete = true;
  sys.device_name = "vda";
  sys.disk_category = "cloud";
  sys.status = "attached";
  sys.cloud_disk = RichCloudDisk();
  i.system_disk = sys;
  jdcloud::InstanceDiskAttachment local;
  local.auto_delete = false;
  local.device_name = "vdb";
  local.disk_category = "local";
  local.local_disk = jdcloud::LocalDisk{500, "hdd.std1"};
  i.data_disks = std::vector<jdcloud::InstanceDiskAttachment>{local, sys};
  return i;
}

Value S(const char* s) { return Value::String(s); }
Value NullS() { return Value::Null(Type::String()); }

const Type& ObjectType(const std::string& top, const std::string& inner = "") {
  const Type& t = provider::ImageStateType().attributes().at(top);
  const Type& element = t.kind() == cty::Kind::List ? t.element() : t;
  if (inner.empty()) return element;
  return element.attributes().at(inner);
}

void CheckRichCloudDisk(const Value& d) {
  CHECK(d.GetAttr("disk_id") == S("vol-abc123"));
  CHECK(d.GetAttr("az") == S("cn-north-1a"));
  CHECK(d.GetAttr("name") == S("sys"));
  CHECK(d.GetAttr("description") == S("system volume"));
  CHECK(d.GetAttr("disk_type") == S("ssd.gp1"));
  CHECK(d.GetAttr("status") == S("in-use"));
  CHECK(d.GetAttr("create_time") == S("2023-06-01T08:00:00Z"));
  CHECK(d.GetAttr("snapshot_id") == S("snapshot-1"));
  CHECK(d.GetAttr("disk_size_gb") == Value::Int(40));
  CHECK(d.GetAttr("iops") == Value::Int(3000));
  CHECK(d.GetAttr("throughput") == Value::Int(150));
  CHECK(d.GetAttr("multi_attachable") == Value::Bool(false));
  CHECK(d.GetAttr("encrypted") == Value::Bool(true));
  const Value& attachments = d.GetAttr("attachments");
  REQUIRE(attachments.elements().size() == 1);
  const Value& a = attachments.elements()[0];
  CHECK(a.GetAttr("attach_time") == S("2023-06-02T00:00:00Z"));
  CHECK(a.GetAttr("attachment_id") == S("att-1"));
  CHECK(a.GetAttr("disk_id") == S("vol-abc123"));
  CHECK(a.GetAttr("instance_id") == S("i-8yi4jyr273"));
  CHECK(a.GetAttr("instance_type") == S("vm"));
  CHECK(a.GetAttr("status") == S("attached"));
  const Value& c = d.GetAttr("charge");
  CHECK(c.GetAttr("charge_mode") == S("postpaid_by_usage"));
  CHECK(c.GetAttr("charge_status") == S("normal"));
  CHECK(c.GetAttr("charge_start_time") == S("2023-06-01T08:00:00Z"));
  CHECK(c.GetAttr("charge_expired_time") == S(""));
  CHECK(c.GetAttr("charge_retire_time") == S("2099-01-01T00:00:00Z"));
  CHECK(d.GetAttr("tags") == Value::Map(Type::String(), {{"env", S("prod")}, {"team", S("infra")}}));
}

}  // namespace

TEST_CASE("a rich image maps every attribute") {
  Value v = provider::MapImage(RichImage(), "img-m5s0f7ss4c", "cn-north-1");
  REQUIRE(v.type() == provider::ImageStateType());
  CHECK(v.IsWhollyKnown());
  CHECK(v.GetAttr("image_id") == S("img-m5s0f7ss4c"));
  CHECK(v.GetAttr("region") == S("cn-north-1"));
  CHECK(v.GetAttr("id") == S("img-m5s0f7ss4c"));
  CHECK(v.GetAttr("name") == S("CentOS 7.9 64位"));
  CHECK(v.GetAttr("description") == S("official image"));
  CHECK(v.GetAttr("architecture") == S("x86_64"));
  CHECK(v.GetAttr("os_type") == S("linux"));
  CHECK(v.GetAttr("os_version") == S("7.9"));
  CHECK(v.GetAttr("platform") == S("CentOS"));
  CHECK(v.GetAttr("image_source") == S("public"));
  CHECK(v.GetAttr("root_device_type") == S("cloudDisk"));
  CHECK(v.GetAttr("status") == S("ready"));
  CHECK(v.GetAttr("progress") == S("100"));
  CHECK(v.GetAttr("size_mb") == Value::Int(2048));
  CHECK(v.GetAttr("snapshot_id") == S("snapshot-xyz"));
  CHECK(v.GetAttr("system_disk_size_gb") == Value::Int(40));
  CHECK(v.GetAttr("create_time") == S("2023-06-01T08:00:00Z"));
  CHECK(v.GetAttr("launch_permission") == S("all"));
  CHECK(v.GetAttr("offline") == Value::Bool(false));
  CHECK(v.GetAttr("imported") == Value::Bool(true));
  CHECK(v.GetAttr("expired_time") == S(""));
  CHECK(v.GetAttr("boot_mode") == S("uefi"));
  CHECK(v.GetAttr("owner_pin") == S("jdcloud"));
  CHECK(v.GetAttr("instance_id") == S("i-source01"));

  const Value& sys = v.GetAttr("system_disk");
  CHECK(sys.GetAttr("auto_delete") == Value::Bool(true));
  CHECK(sys.GetAttr("device_name") == S("vda"));
  CHECK(sys.GetAttr("disk_category") == S("cloud"));
  CHECK(sys.GetAttr("status") == S("attached"));
  CHECK(sys.GetAttr("local_disk") == Value::Null(ObjectType("system_disk", "local_disk")));
  CheckRichCloudDisk(sys.GetAttr("cloud_disk"));

  const Value& data = v.GetAttr("data_disks");
  REQUIRE(data.elements().size() == 2);
  const Value& local = data.elements()[0];
  CHECK(local.GetAttr("auto_delete") == Value::Bool(false));
  CHECK(local.GetAttr("device_name") == S("vdb"));
  CHECK(local.GetAttr("disk_category") == S("local"));
  CHECK(local.GetAttr("status") == NullS());
  CHECK(local.GetAttr("cloud_disk") == Value::Null(ObjectType("data_disks", "cloud_disk")));
  CHECK(local.GetAttr("local_disk").GetAttr("disk_size_gb") == Value::Int(500));
  CHECK(local.GetAttr("local_disk").GetAttr("disk_type") == S("hdd.std1"));
  CHECK(data.elements()[1] == sys);
}

TEST_CASE("a sparse image maps absent fields to typed nulls") {
  jdcloud::Image image;
  image.image_id = "img-sparse001";
  Value v = provider::MapImage(image, "img-sparse001", "cn-east-2");
  REQUIRE(v.type() == provider::ImageStateType());
  CHECK(v.GetAttr("image_id") == S("img-sparse001"));
  CHECK(v.GetAttr("region") == S("cn-east-2"));
  CHECK(v.GetAttr("id") == S("img-sparse001"));
  int nulls = 0;
  for (const auto& [name, attribute] : v.entries()) {
    if (name == "image_id" || name == "region" || name == "id") continue;
    INFO(name);
    CHECK(attribute.is_null());
    CHECK(attribute.type() == provider::ImageStateType().attributes().at(name));
    ++nulls;
  }
  CHECK(nulls == 23);
}

TEST_CASE("the configured image_id is echoed even when the API spells it differently") {
  jdcloud::Image image;  // no imageId at all
  Value v = provider::MapImage(image, "img-m5s0f7ss4c", "cn-north-1");
  CHECK(v.GetAttr("image_id") == S("img-m5s0f7ss4c"));
  CHECK(v.GetAttr("id") == NullS());
  image.image_id = "img-other0001";
  v = provider::MapImage(image, "img-m5s0f7ss4c", "cn-north-1");
  CHECK(v.GetAttr("image_id") == S("img-m5s0f7ss4c"));
  CHECK(v.GetAttr("id") == S("img-other0001"));
}

TEST_CASE("empty arrays are empty lists, nested absent fields are nulls") {
  jdcloud::Image image;
  image.data_disks = std::vector<jdcloud::InstanceDiskAttachment>{};
  jdcloud::InstanceDiskAttachment sys;
  sys.cloud_disk = jdcloud::CloudDisk{};
  sys.cloud_disk->attachments = std::vector<jdcloud::DiskAttachment>{};
  sys.cloud_disk->tags = std::vector<jdcloud::Tag>{};
  image.system_disk = sys;
  Value v = provider::MapImage(image, "img-m5s0f7ss4c", "cn-north-1");
  REQUIRE(v.type() == provider::ImageStateType());
  const Value& data = v.GetAttr("data_disks");
  CHECK_FALSE(data.is_null());
  CHECK(data.elements().empty());
  CHECK(data.type() == provider::ImageStateType().attributes().at("data_disks"));
  const Value& cloud = v.GetAttr("system_disk").GetAttr("cloud_disk");
  CHECK_FALSE(cloud.is_null());
  CHECK(cloud.GetAttr("attachments").elements().empty());
  CHECK_FALSE(cloud.GetAttr("attachments").is_null());
  CHECK(cloud.GetAttr("tags").entries().empty());
  CHECK_FALSE(cloud.GetAttr("tags").is_null());
  CHECK(cloud.GetAttr("charge").is_null());
  CHECK(cloud.GetAttr("disk_id") == NullS());
  CHECK(cloud.GetAttr("iops") == Value::Null(Type::Number()));
  CHECK(v.GetAttr("system_disk").GetAttr("auto_delete") == Value::Null(Type::Bool()));
}

TEST_CASE("tags: null key skipped, null value a null element, last duplicate wins") {
  jdcloud::Image image;
  jdcloud::InstanceDiskAttachment sys;
  sys.cloud_disk = jdcloud::CloudDisk{};
  sys.cloud_disk->tags = std::vector<jdcloud::Tag>{
      {std::nullopt, "orphan"}, {"a", "1"}, {"b", std::nullopt}, {"a", "2"}, {"", "empty-key"}};
  image.system_disk = sys;
  Value v = provider::MapImage(image, "img-m5s0f7ss4c", "cn-north-1");
  const Value& tags = v.GetAttr("system_disk").GetAttr("cloud_disk").GetAttr("tags");
  CHECK(tags == Value::Map(Type::String(),
                           {{"a", S("2")}, {"b", NullS()}, {"", S("empty-key")}}));
}
