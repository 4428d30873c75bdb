# Finds images without their ids, as platform teams do: the newest official
# CentOS x86_64 image, and every golden image by a name regex.
terraform {
  required_providers {
    jdcloud = {
      source  = "terraform.local/jdcloud/jdcloud"
      version = "0.1.0"
    }
  }
}

variable "region" {
  description = "JD Cloud region to search."
  type        = string
  default     = "cn-north-1"
}

variable "endpoint" {
  description = "API endpoint; null falls back to JDCLOUD_ENDPOINT, then https://vm.jdcloud-api.com."
  type        = string
  default     = null
}

# Credentials come from JDCLOUD_ACCESS_KEY / JDCLOUD_SECRET_KEY.
provider "jdcloud" {
  endpoint = var.endpoint
  region   = var.region
}

# The newest official CentOS x86_64 image: several match, most_recent picks the newest.
data "jdcloud_image" "centos" {
  most_recent = true
  filter {
    image_source = "public"
    platform     = "CentOS"
    architecture = "x86_64"
  }
}

# Our newest golden image, by name.
data "jdcloud_image" "golden" {
  most_recent = true
  filter {
    image_source = "private"
    name_regex   = "^web-golden-"
  }
}

# Every golden image, newest first (no match would be an empty list).
data "jdcloud_images" "all_golden" {
  filter {
    image_source = "private"
    name_regex   = "^web-golden-"
  }
}

output "centos_image_id" {
  value = data.jdcloud_image.centos.image_id
}

output "centos_create_time" {
  value = data.jdcloud_image.centos.create_time
}

output "golden_image_id" {
  value = data.jdcloud_image.golden.image_id
}

output "golden_ids" {
  value = data.jdcloud_images.all_golden.ids
}

output "golden_names" {
  value = [for i in data.jdcloud_images.all_golden.images : i.name]
}
