# Reads many images at once (one data block instance per image, in parallel,
# as Terraform does) and outputs each whole data source, so the end-to-end
# test can compare every attribute with the API double's fixtures.
terraform {
  required_providers {
    jdcloud = {
      source  = "terraform.local/jdcloud/jdcloud"
      version = "0.1.0"
    }
  }
}

variable "endpoint" {
  type = string
}

# image id => region it is served in
variable "images" {
  type = map(string)
}

provider "jdcloud" {
  endpoint = var.endpoint
  region   = "cn-north-1"
}

data "jdcloud_image" "all" {
  for_each = var.images
  image_id = each.key
  region   = each.value
}

output "images" {
  value = data.jdcloud_image.all
}
