// JD Cloud's vm `Image` model (reference jdcloud-api.md §3.2/§3.3): the fields
// the provider exposes. Every field is optional because the API may omit it or
// send null; an absent array stays nullopt, an empty one is an empty vector.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jdcloud {

struct Tag {
  std::optional<std::string> key;
  std::optional<std::string> value;
};

struct Charge {
  std::optional<std::string> charge_mode, charge_status, charge_start_time, charge_expired_time,
      charge_retire_time;
};

struct DiskAttachment {
  std::optional<std::string> attach_time, attachment_id, disk_id, instance_id, instance_type, status;
};

struct CloudDisk {
  std::optional<std::string> disk_id, az, name, description, disk_type, status, create_time,
      snapshot_id;
  std::optional<int64_t> disk_size_gb, iops, throughput;
  std::optional<bool> multi_attachable, encrypted;
  std::optional<std::vector<DiskAttachment>> attachments;
  std::optional<Charge> charge;
  std::optional<std::vector<Tag>> tags;
};

struct LocalDisk {
  std::optional<int64_t> disk_size_gb;
  std::optional<std::string> disk_type;
};

struct InstanceDiskAttachment {
  std::optional<bool> auto_delete;
  std::optional<std::string> device_name, disk_category, status;
  std::optional<CloudDisk> cloud_disk;
  std::optional<LocalDisk> local_disk;
};

struct Image {
  std::optional<std::string> image_id, name, desc, architecture, os_type, os_version, platform,
      image_source, root_device_type, status, progress, snapshot_id, create_time,
      launch_permission, expired_time, boot_mode, owner_pin, instance_id;
  std::optional<int64_t> size_mb, system_disk_size_gb;
  std::optional<bool> offline, imported;
  std::optional<InstanceDiskAttachment> system_disk;
  std::optional<std::vector<InstanceDiskAttachment>> data_disks;
};

}  // namespace jdcloud
