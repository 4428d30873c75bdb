#include "provider/image_schema.h"

#include <string>
#include <vector>

#include "provider/schema_builder.h"

namespace provider {
namespace {

using cty::Type;
using Nesting = NestedAttributes::Nesting;

Attribute Str(const char* name, const char* description) {
  return ComputedAttribute(name, Type::String(), description);
}
Attribute Num(const char* name, const char* description) {
  return ComputedAttribute(name, Type::Number(), description);
}
Attribute Bool(const char* name, const char* description) {
  return ComputedAttribute(name, Type::Bool(), description);
}

std::vector<Attribute> DiskAttachmentAttributes() {  // the disk service's DiskAttachment
  return {Str("attach_time", "When the disk was attached."),
          Str("attachment_id", "Attachment ID."),
          Str("disk_id", "Attached disk ID."),
          Str("instance_id", "Instance the disk is attached to."),
          Str("instance_type", "Kind of instance (`vm`, `nc`)."),
          Str("status", "Attachment status (`attaching`, `attached`, `detaching`, `detached`).")};
}

std::vector<Attribute> ChargeAttributes() {
  return {Str("charge_mode", "Billing mode, e.g. `postpaid_by_usage`."),
          Str("charge_status", "Billing status (`normal`, `overdue`, `arrear`)."),
          Str("charge_start_time", "Billing start time."),
          Str("charge_expired_time", "Billing expiry time (empty for post-paid)."),
          Str("charge_retire_time", "Billing retire time.")};
}

std::vector<Attribute> CloudDiskAttributes() {
  return {Str("disk_id", "Cloud disk ID."),
          Str("az", "Availability zone."),
          Str("name", "Disk name."),
          Str("description", "Disk description."),
          Str("disk_type", "Disk type, e.g. `ssd.gp1`."),
          Num("disk_size_gb", "Disk size in GiB."),
          Str("status", "Disk status."),
          ComputedNestedAttribute("attachments", Nesting::List, DiskAttachmentAttributes(),
                                  "Where the disk is attached."),
          Str("snapshot_id", "Snapshot the disk was created from."),
          Bool("multi_attachable", "Whether the disk can be attached to several instances."),
          Str("create_time", "Creation time."),
          ComputedNestedAttribute("charge", Nesting::Single, ChargeAttributes(), "Billing of the disk."),
          ComputedAttribute("tags", Type::Map(Type::String()), "Disk tags as a map from key to value."),
          Num("iops", "Provisioned IOPS."),
          Num("throughput", "Provisioned throughput."),
          Bool("encrypted", "Whether the disk is encrypted.")};
}

std::vector<Attribute> LocalDiskAttributes() {
  return {Str("disk_type", "Local disk type, e.g. `ssd`."), Num("disk_size_gb", "Disk size in GiB.")};
}

std::vector<Attribute> InstanceDiskAttachmentAttributes() {  // SPEC's DISK_ATTACHMENT
  return {Bool("auto_delete", "Whether the disk is deleted with the instance."),
          Str("device_name", "Device name, e.g. `vda`."),
          Str("disk_category", "`local` or `cloud`."),
          Str("status", "Attachment status."),
          ComputedNestedAttribute("cloud_disk", Nesting::Single, CloudDiskAttributes(),
                                  "The cloud disk, when `disk_category` is `cloud`."),
          ComputedNestedAttribute("local_disk", Nesting::Single, LocalDiskAttributes(),
                                  "The local disk, when `disk_category` is `local`.")};
}

}  // namespace

Schema BuildImageSchema() {
  Schema schema;
  schema.block.description = "Looks up one JD Cloud VM image by its ID (`describeImage`).";
  auto& a = schema.block.attributes;
  a.push_back(RequiredAttribute("image_id", Type::String(),
                                "ID of the image to look up, e.g. `img-m5s0f7ss4c`."));
  a.push_back(OptionalComputedAttribute(
      "region", Type::String(),
      "Region of the image, e.g. `cn-north-1`. Defaults to the provider's region."));
  a.push_back(Str("id", "The image ID as returned by the API."));
  a.push_back(Str("name", "Image name."));
  a.push_back(Str("description", "Image description."));
  a.push_back(Str("architecture", "CPU architecture, e.g. `x86_64`."));
  a.push_back(Str("os_type", "Operating system type (`linux`, `windows`)."));
  a.push_back(Str("os_version", "Operating system version."));
  a.push_back(Str("platform", "Operating system platform, e.g. `CentOS`."));
  a.push_back(Str("image_source", "Image source, e.g. `public`, `private`, `shared`."));
  a.push_back(Str("root_device_type", "Root device type (`localDisk`, `cloudDisk`)."));
  a.push_back(Str("status", "Image status (`pending`, `ready`, `deleting`, `error`)."));
  a.push_back(Str("progress", "Copy/convert progress in percent, as text."));
  a.push_back(Num("size_mb", "Size of the image file in MB."));
  a.push_back(Str("snapshot_id", "Snapshot of a cloud-disk system disk."));
  a.push_back(Num("system_disk_size_gb", "System disk size in GB."));
  a.push_back(Str("create_time", "Creation time."));
  a.push_back(Str("launch_permission", "Launch permission (`all`, `specifiedUsers`, `ownerOnly`)."));
  a.push_back(Bool("offline", "Whether the image has been withdrawn."));
  a.push_back(Bool("imported", "Whether the image was imported."));
  a.push_back(Str("expired_time", "Expiry time (RFC 3339); empty means never."));
  a.push_back(Str("boot_mode", "Boot mode (`bios`, `uefi`)."));
  a.push_back(Str("owner_pin", "PIN of the image's owner."));
  a.push_back(Str("instance_id", "Instance the image was created from."));
  a.push_back(ComputedNestedAttribute("system_disk", Nesting::Single,
                                      InstanceDiskAttachmentAttributes(), "System disk configuration."));
  a.push_back(ComputedNestedAttribute("data_disks", Nesting::List, InstanceDiskAttachmentAttributes(),
                                      "Data disk configurations."));
  return schema;
}

const cty::Type& ImageStateType() {
  static const cty::Type type = BuildImageSchema().block.ImpliedType();
  return type;
}

}  // namespace provider
