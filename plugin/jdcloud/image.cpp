#include "jdcloud/image.h"

namespace jdcloud {
namespace {

using T = FieldType;

// The disk service's DiskAttachment.
constexpr FieldSpec kDiskAttachmentFields[] = {
    {"attach_time", "attachTime", T::kString, "When the disk was attached."},
    {"attachment_id", "attachmentId", T::kString, "Attachment ID."},
    {"disk_id", "diskId", T::kString, "Attached disk ID."},
    {"instance_id", "instanceId", T::kString, "Instance the disk is attached to."},
    {"instance_type", "instanceType", T::kString, "Kind of instance (`vm`, `nc`)."},
    {"status", "status", T::kString, "Attachment status (`attaching`, `attached`, `detaching`, `detached`)."},
};
constexpr RecordSpec kDiskAttachment{"DiskAttachment", kDiskAttachmentFields};

constexpr FieldSpec kChargeFields[] = {
    {"charge_mode", "chargeMode", T::kString, "Billing mode, e.g. `postpaid_by_usage`."},
    {"charge_status", "chargeStatus", T::kString, "Billing status (`normal`, `overdue`, `arrear`)."},
    {"charge_start_time", "chargeStartTime", T::kString, "Billing start time."},
    {"charge_expired_time", "chargeExpiredTime", T::kString, "Billing expiry time (empty for post-paid)."},
    {"charge_retire_time", "chargeRetireTime", T::kString, "Billing retire time."},
};
constexpr RecordSpec kCharge{"Charge", kChargeFields};

constexpr FieldSpec kTagFields[] = {
    {"key", "key", T::kString, "Tag key."},
    {"value", "value", T::kString, "Tag value."},
};
constexpr RecordSpec kTag{"Tag", kTagFields};

// The disk service's Disk.
constexpr FieldSpec kCloudDiskFields[] = {
    {"disk_id", "diskId", T::kString, "Cloud disk ID."},
    {"az", "az", T::kString, "Availability zone."},
    {"name", "name", T::kString, "Disk name."},
    {"description", "description", T::kString, "Disk description."},
    {"disk_type", "diskType", T::kString, "Disk type, e.g. `ssd.gp1`."},
    {"disk_size_gb", "diskSizeGB", T::kNumber, "Disk size in GiB."},
    {"status", "status", T::kString, "Disk status."},
    {"attachments", "attachments", T::kObjectList, "Where the disk is attached.", &kDiskAttachment},
    {"snapshot_id", "snapshotId", T::kString, "Snapshot the disk was created from."},
    {"multi_attachable", "multiAttachable", T::kBool, "Whether the disk can be attached to several instances."},
    {"create_time", "createTime", T::kString, "Creation time."},
    {"charge", "charge", T::kObject, "Billing of the disk.", &kCharge},
    {"tags", "tags", T::kTagMap, "Disk tags as a map from key to value; a tag without a key is skipped, and for a repeated key the last one wins.", &kTag},
    {"iops", "iops", T::kNumber, "Provisioned IOPS."},
    {"throughput", "throughput", T::kNumber, "Provisioned throughput."},
    {"encrypted", "encrypted", T::kBool, "Whether the disk is encrypted."},
};
constexpr RecordSpec kCloudDisk{"Disk", kCloudDiskFields};

constexpr FieldSpec kLocalDiskFields[] = {
    {"disk_type", "diskType", T::kString, "Local disk type, e.g. `ssd`."},
    {"disk_size_gb", "diskSizeGB", T::kNumber, "Disk size in GiB."},
};
constexpr RecordSpec kLocalDisk{"LocalDisk", kLocalDiskFields};

// SPEC's DISK_ATTACHMENT.
constexpr FieldSpec kInstanceDiskAttachmentFields[] = {
    {"auto_delete", "autoDelete", T::kBool, "Whether the disk is deleted with the instance."},
    {"device_name", "deviceName", T::kString, "Device name, e.g. `vda`."},
    {"disk_category", "diskCategory", T::kString, "`local` or `cloud`."},
    {"status", "status", T::kString, "Attachment status."},
    {"cloud_disk", "cloudDisk", T::kObject, "The cloud disk, when `disk_category` is `cloud`.", &kCloudDisk},
    {"local_disk", "localDisk", T::kObject, "The local disk, when `disk_category` is `local`.", &kLocalDisk},
};
constexpr RecordSpec kInstanceDiskAttachment{"InstanceDiskAttachment", kInstanceDiskAttachmentFields};

constexpr FieldSpec kImageFields[] = {
    {"id", "imageId", T::kString, "The image ID as returned by the API."},
    {"name", "name", T::kString, "Image name."},
    {"description", "desc", T::kString, "Image description."},
    {"architecture", "architecture", T::kString, "CPU architecture, e.g. `x86_64`."},
    {"os_type", "osType", T::kString, "Operating system type (`linux`, `windows`)."},
    {"os_version", "osVersion", T::kString, "Operating system version."},
    {"platform", "platform", T::kString, "Operating system platform, e.g. `CentOS`."},
    {"image_source", "imageSource", T::kString, "Image source, e.g. `public`, `private`, `shared`."},
    {"root_device_type", "rootDeviceType", T::kString, "Root device type (`localDisk`, `cloudDisk`)."},
    {"status", "status", T::kString, "Image status (`pending`, `ready`, `deleting`, `error`)."},
    {"progress", "progress", T::kString, "Copy/convert progress in percent, as text."},
    {"size_mb", "sizeMB", T::kNumber, "Size of the image file in MB."},
    {"snapshot_id", "snapshotId", T::kString, "Snapshot of a cloud-disk system disk."},
    {"system_disk_size_gb", "systemDiskSizeGB", T::kNumber, "System disk size in GB."},
    {"create_time", "createTime", T::kString, "Creation time."},
    {"launch_permission", "launchPermission", T::kString, "Launch permission (`all`, `specifiedUsers`, `ownerOnly`)."},
    {"offline", "offline", T::kBool, "Whether the image has been withdrawn: no new instances can be created from it, and a search never finds it."},
    {"imported", "imported", T::kBool, "Whether the image was imported."},
    {"expired_time", "expiredTime", T::kString, "Expiry time (RFC 3339, or ISO 8601 such as `2030-01-01 00:00:00+0800`); empty means never."},
    {"boot_mode", "bootMode", T::kString, "Boot mode (`bios`, `uefi`)."},
    {"owner_pin", "ownerPin", T::kString, "PIN of the image's owner."},
    {"instance_id", "instanceId", T::kString, "Instance the image was created from."},
    {"system_disk", "systemDisk", T::kObject, "System disk configuration.", &kInstanceDiskAttachment},
    {"data_disks", "dataDisks", T::kObjectList, "Data disk configurations.", &kInstanceDiskAttachment},
};
constexpr RecordSpec kImage{"Image", kImageFields};

}  // namespace

const RecordSpec& ImageSpec() { return kImage; }

}  // namespace jdcloud
