#include "provider/image_mapping.h"

#include <cassert>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "provider/image_schema.h"

namespace provider {
namespace {

using cty::Type;
using cty::Value;
using Fields = std::map<std::string, Value>;

// An object of exactly `type`: the given fields, and a typed null for every
// attribute not given. Building every object through here is what makes the
// state conform to the schema even when the API omits fields.
Value ObjectOf(const Type& type, Fields fields) {
  for (const auto& [name, attribute_type] : type.attributes()) {
    auto it = fields.find(name);
    if (it == fields.end()) {
      fields.emplace_hint(it, name, Value::Null(attribute_type));
    } else if (it->second.is_null()) {
      it->second = Value::Null(attribute_type);  // a null of exactly the attribute's type
    }
  }
  return Value::Object(type, std::move(fields));  // asserts every field belongs to `type`
}

const Type& AttrType(const Type& object, const std::string& name) {
  return object.attributes().at(name);
}

Value Str(const std::optional<std::string>& v) {
  return v ? Value::String(*v) : Value::Null(Type::String());
}
Value Num(const std::optional<int64_t>& v) { return v ? Value::Int(*v) : Value::Null(Type::Number()); }
Value Bool(const std::optional<bool>& v) { return v ? Value::Bool(*v) : Value::Null(Type::Bool()); }

template <typename T, typename MapFn>
Value ListOf(const std::optional<std::vector<T>>& items, const Type& list_type, MapFn map_one) {
  if (!items) return Value::Null(list_type);
  std::vector<Value> elements;
  elements.reserve(items->size());
  for (const T& item : *items) elements.push_back(map_one(item, list_type.element()));
  return Value::List(list_type.element(), std::move(elements));
}

// [{key, value}] -> map: a null key is skipped, a null value is a null
// element, and for a duplicate key the last one wins.
Value Tags(const std::optional<std::vector<jdcloud::Tag>>& tags) {
  if (!tags) return Value::Null(Type::Map(Type::String()));
  std::map<std::string, Value> entries;
  for (const auto& tag : *tags) {
    if (!tag.key) continue;
    entries.insert_or_assign(*tag.key, Str(tag.value));
  }
  return Value::Map(Type::String(), std::move(entries));
}

Value Attachment(const jdcloud::DiskAttachment& a, const Type& type) {
  return ObjectOf(type, {{"attach_time", Str(a.attach_time)},
                         {"attachment_id", Str(a.attachment_id)},
                         {"disk_id", Str(a.disk_id)},
                         {"instance_id", Str(a.instance_id)},
                         {"instance_type", Str(a.instance_type)},
                         {"status", Str(a.status)}});
}

Value Charge(const std::optional<jdcloud::Charge>& c, const Type& type) {
  if (!c) return Value::Null(type);
  return ObjectOf(type, {{"charge_mode", Str(c->charge_mode)},
                         {"charge_status", Str(c->charge_status)},
                         {"charge_start_time", Str(c->charge_start_time)},
                         {"charge_expired_time", Str(c->charge_expired_time)},
                         {"charge_retire_time", Str(c->charge_retire_time)}});
}

Value CloudDisk(const std::optional<jdcloud::CloudDisk>& d, const Type& type) {
  if (!d) return Value::Null(type);
  return ObjectOf(type, {{"disk_id", Str(d->disk_id)},
                         {"az", Str(d->az)},
                         {"name", Str(d->name)},
                         {"description", Str(d->description)},
                         {"disk_type", Str(d->disk_type)},
                         {"disk_size_gb", Num(d->disk_size_gb)},
                         {"status", Str(d->status)},
                         {"attachments", ListOf(d->attachments, AttrType(type, "attachments"), Attachment)},
                         {"snapshot_id", Str(d->snapshot_id)},
                         {"multi_attachable", Bool(d->multi_attachable)},
                         {"create_time", Str(d->create_time)},
                         {"charge", Charge(d->charge, AttrType(type, "charge"))},
                         {"tags", Tags(d->tags)},
                         {"iops", Num(d->iops)},
                         {"throughput", Num(d->throughput)},
                         {"encrypted", Bool(d->encrypted)}});
}

Value LocalDisk(const std::optional<jdcloud::LocalDisk>& d, const Type& type) {
  if (!d) return Value::Null(type);
  return ObjectOf(type, {{"disk_type", Str(d->disk_type)}, {"disk_size_gb", Num(d->disk_size_gb)}});
}

Value DiskAttachment(const jdcloud::InstanceDiskAttachment& d, const Type& type) {
  return ObjectOf(type, {{"auto_delete", Bool(d.auto_delete)},
                         {"device_name", Str(d.device_name)},
                         {"disk_category", Str(d.disk_category)},
                         {"status", Str(d.status)},
                         {"cloud_disk", CloudDisk(d.cloud_disk, AttrType(type, "cloud_disk"))},
                         {"local_disk", LocalDisk(d.local_disk, AttrType(type, "local_disk"))}});
}

}  // namespace

Value MapImage(const jdcloud::Image& image, const std::string& configured_image_id,
               const std::string& region) {
  const Type& type = ImageStateType();
  const Type& system_disk_type = AttrType(type, "system_disk");
  Value system_disk =
      image.system_disk ? DiskAttachment(*image.system_disk, system_disk_type) : Value::Null(system_disk_type);
  return ObjectOf(type, {{"image_id", Value::String(configured_image_id)},
                         {"region", Value::String(region)},
                         {"id", Str(image.image_id)},
                         {"name", Str(image.name)},
                         {"description", Str(image.desc)},
                         {"architecture", Str(image.architecture)},
                         {"os_type", Str(image.os_type)},
                         {"os_version", Str(image.os_version)},
                         {"platform", Str(image.platform)},
                         {"image_source", Str(image.image_source)},
                         {"root_device_type", Str(image.root_device_type)},
                         {"status", Str(image.status)},
                         {"progress", Str(image.progress)},
                         {"size_mb", Num(image.size_mb)},
                         {"snapshot_id", Str(image.snapshot_id)},
                         {"system_disk_size_gb", Num(image.system_disk_size_gb)},
                         {"create_time", Str(image.create_time)},
                         {"launch_permission", Str(image.launch_permission)},
                         {"offline", Bool(image.offline)},
                         {"imported", Bool(image.imported)},
                         {"expired_time", Str(image.expired_time)},
                         {"boot_mode", Str(image.boot_mode)},
                         {"owner_pin", Str(image.owner_pin)},
                         {"instance_id", Str(image.instance_id)},
                         {"system_disk", std::move(system_disk)},
                         {"data_disks", ListOf(image.data_disks, AttrType(type, "data_disks"), DiskAttachment)}});
}

}  // namespace provider
