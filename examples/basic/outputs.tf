output "image_name" {
  value = local.image.name
}

output "os" {
  value = "${local.image.platform} ${local.image.os_version} (${local.image.os_type}, ${local.image.architecture})"
}

output "status" {
  value = local.image.status
}

# The system disk's size comes from its cloud disk or its local disk,
# whichever the image has.
output "system_disk_size_gb" {
  value = coalesce(
    try(local.system_disk.cloud_disk.disk_size_gb, null),
    try(local.system_disk.local_disk.disk_size_gb, null),
    local.image.system_disk_size_gb,
  )
}

# data_disks is null when the API omits it; try() turns that into an empty list.
output "data_disk_devices" {
  value = try([for d in local.image.data_disks : d.device_name], [])
}
