data "jdcloud_images" "golden" {
  filter {
    image_source = "private"
    name_regex   = "^web-golden-"
  }
}

output "golden_image_ids" {
  value = data.jdcloud_images.golden.ids
}

output "golden_image_names" {
  value = [for i in data.jdcloud_images.golden.images : i.name]
}
