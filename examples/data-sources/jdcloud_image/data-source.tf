data "jdcloud_image" "base" {
  image_id = "img-m5s0f7ss4c"
}

output "system_disk_size_gb" {
  value = data.jdcloud_image.base.system_disk_size_gb
}

output "data_disk_devices" {
  value = [for d in data.jdcloud_image.base.data_disks : d.device_name]
}

# The newest official CentOS 7.9 x86_64 image.
data "jdcloud_image" "centos" {
  most_recent = true
  filter {
    image_source = "public"
    platform     = "CentOS"
    architecture = "x86_64"
    name_regex   = "^CentOS 7\\.9"
  }
}

# Our golden image: exactly one must match.
data "jdcloud_image" "golden" {
  filter {
    image_source = "private"
    name_regex   = "^web-golden-"
  }
}
