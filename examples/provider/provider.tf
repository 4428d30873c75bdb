terraform {
  required_providers {
    jdcloud = {
      source  = "terraform.local/jdcloud/jdcloud"
      version = "0.1.0"
    }
  }
}

# access_key and secret_key come from JDCLOUD_ACCESS_KEY / JDCLOUD_SECRET_KEY.
provider "jdcloud" {
  region = "cn-north-1"
}

data "jdcloud_image" "base" {
  image_id = "img-m5s0f7ss4c"
}
