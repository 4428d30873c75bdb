variable "image_id" {
  description = "The image to look up."
  type        = string
  default     = "img-m5s0f7ss4c"
}

variable "region" {
  description = "JD Cloud region of the image."
  type        = string
  default     = "cn-north-1"
}

variable "endpoint" {
  description = "API endpoint; null falls back to JDCLOUD_ENDPOINT, then https://vm.jdcloud-api.com."
  type        = string
  default     = null
}
