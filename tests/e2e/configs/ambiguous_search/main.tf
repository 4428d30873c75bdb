# Several golden images match and most_recent is not set: the plan must fail
# with the count and the matching ids.
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

provider "jdcloud" {
  endpoint = var.endpoint
  region   = "cn-north-1"
}

data "jdcloud_image" "golden" {
  filter {
    image_source = "private"
    name_regex   = "^web-golden-"
  }
}
