# An invalid RE2 expression: terraform validate must fail on filter.name_regex.
terraform {
  required_providers {
    jdcloud = {
      source  = "terraform.local/jdcloud/jdcloud"
      version = "0.1.0"
    }
  }
}

data "jdcloud_images" "golden" {
  filter {
    image_source = "private"
    name_regex   = "web-(golden"
  }
}
