# Looks up one JD Cloud VM image at plan time and feeds its OS, architecture
# and disk layout into outputs, the way a platform module would.
terraform {
  required_providers {
    jdcloud = {
      source  = "terraform.local/jdcloud/jdcloud"
      version = "0.1.0"
    }
  }
}

# Credentials come from JDCLOUD_ACCESS_KEY / JDCLOUD_SECRET_KEY; the endpoint
# from JDCLOUD_ENDPOINT unless set here (the demo points it at the local API double).
provider "jdcloud" {
  region   = var.region
  endpoint = var.endpoint
}

data "jdcloud_image" "base" {
  image_id = var.image_id
}

locals {
  image       = data.jdcloud_image.base
  system_disk = local.image.system_disk
}
