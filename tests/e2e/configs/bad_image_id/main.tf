# A malformed image_id literal: `terraform validate` must fail on it with the
# provider's attribute diagnostic (validate passes variables as unknown, so
# the bad value has to be written out).
terraform {
  required_providers {
    jdcloud = {
      source  = "terraform.local/jdcloud/jdcloud"
      version = "0.1.0"
    }
  }
}

provider "jdcloud" {
  region = "cn-north-1"
}

data "jdcloud_image" "bad" {
  image_id = "ami-0abc1234"
}
