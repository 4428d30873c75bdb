#include "image_mapping.h"

#include <map>
#include <string>

namespace harness {
namespace {

using S = FieldMapping::Shape;

constexpr FieldMapping kAttachment[] = {
    {"attach_time", "attachTime", S::String, {}},
    {"attachment_id", "attachmentId", S::String, {}},
    {"disk_id", "diskId", S::String, {}},
    {"instance_id", "instanceId", S::String, {}},
    {"instance_type", "instanceType", S::String, {}},
    {"status", "status", S::String, {}},
};

constexpr FieldMapping kCharge[] = {
    {"charge_mode", "chargeMode", S::String, {}},
    {"charge_status", "chargeStatus", S::String, {}},
    {"charge_start_time", "chargeStartTime", S::String, {}},
    {"charge_expired_time", "chargeExpiredTime", S::String, {}},
    {"charge_retire_time", "chargeRetireTime", S::String, {}},
};

constexpr FieldMapping kCloudDisk[] = {
    {"disk_id", "diskId", S::String, {}},
    {"az", "az", S::String, {}},
    {"name", "name", S::String, {}},
    {"description", "description", S::String, {}},
    {"disk_type", "diskType", S::String, {}},
    {"status", "status", S::String, {}},
    {"create_time", "createTime", S::String, {}},
    {"snapshot_id", "snapshotId", S::String, {}},
    {"disk_size_gb", "diskSizeGB", S::Number, {}},
    {"iops", "iops", S::Number, {}},
    {"throughput", "throughput", S::Number, {}},
    {"multi_attachable", "multiAttachable", S::Bool, {}},
    {"encrypted", "encrypted", S::Bool, {}},
    {"attachments", "attachments", S::ListOfObjects, kAttachment},
    {"charge", "charge", S::Object, kCharge},
    {"tags", "tags", S::TagMap, {}},
};

constexpr FieldMapping kLocalDisk[] = {
    {"disk_size_gb", "diskSizeGB", S::Number, {}},
    {"disk_type", "diskType", S::String, {}},
};

constexpr FieldMapping kDiskAttachment[] = {
    {"auto_delete", "autoDelete", S::Bool, {}},
    {"device_name", "deviceName", S::String, {}},
    {"disk_category", "diskCategory", S::String, {}},
    {"status", "status", S::String, {}},
    {"cloud_disk", "cloudDisk", S::Object, kCloudDisk},
    {"local_disk", "localDisk", S::Object, kLocalDisk},
};

constexpr FieldMapping kImage[] = {
    {"id", "imageId", S::String, {}},
    {"name", "name", S::String, {}},
    {"description", "desc", S::String, {}},
    {"architecture", "architecture", S::String, {}},
    {"os_type", "osType", S::String, {}},
    {"os_version", "osVersion", S::String, {}},
    {"platform", "platform", S::String, {}},
    {"image_source", "imageSource", S::String, {}},
    {"root_device_type", "rootDeviceType", S::String, {}},
    {"status", "status", S::String, {}},
    {"progress", "progress", S::String, {}},
    {"size_mb", "sizeMB", S::Number, {}},
    {"snapshot_id", "snapshotId", S::String, {}},
    {"system_disk_size_gb", "systemDiskSizeGB", S::Number, {}},
    {"create_time", "createTime", S::String, {}},
    {"launch_permission", "launchPermission", S::String, {}},
    {"offline", "offline", S::Bool, {}},
    {"imported", "imported", S::Bool, {}},
    {"expired_time", "expiredTime", S::String, {}},
    {"boot_mode", "bootMode", S::String, {}},
    {"owner_pin", "ownerPin", S::String, {}},
    {"instance_id", "instanceId", S::String, {}},
    {"system_disk", "systemDisk", S::Object, kDiskAttachment},
    {"data_disks", "dataDisks", S::ListOfObjects, kDiskAttachment},
};

}  // namespace

std::span<const FieldMapping> ImageMapping() { return kImage; }

cty::Type MappedObjectType(std::span<const FieldMapping> fields) {
  std::map<std::string, cty::Type> members;
  for (const auto& f : fields) {
    switch (f.shape) {
      case S::String: members.emplace(f.attribute, cty::Type::String()); break;
      case S::Number: members.emplace(f.attribute, cty::Type::Number()); break;
      case S::Bool: members.emplace(f.attribute, cty::Type::Bool()); break;
      case S::Object: members.emplace(f.attribute, MappedObjectType(f.nested)); break;
      case S::ListOfObjects: members.emplace(f.attribute, cty::Type::List(MappedObjectType(f.nested))); break;
      case S::TagMap: members.emplace(f.attribute, cty::Type::Map(cty::Type::String())); break;
    }
  }
  return cty::Type::Object(std::move(members));
}

cty::Type ImageStateType() {
  auto members = MappedObjectType(kImage).attributes();
  members.emplace("image_id", cty::Type::String());
  members.emplace("region", cty::Type::String());
  members.emplace("most_recent", cty::Type::Bool());
  std::map<std::string, cty::Type> filter;
  for (const char* name : {"image_source", "platform", "architecture", "root_device_type", "status",
                           "launch_permission", "boot_mode", "name_contains", "name_regex"})
    filter.emplace(name, cty::Type::String());
  members.emplace("filter", cty::Type::Object(std::move(filter)));
  return cty::Type::Object(std::move(members));
}

}  // namespace harness
