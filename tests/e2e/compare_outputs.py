#!/usr/bin/env python3
"""Compares `terraform output -json` with the API double's fixtures.

  compare_outputs.py all FIXTURES_DIR OUTPUTS_JSON
      outputs of configs/all_fixtures: every attribute of every image against
      its fixture, through SPEC.md's mapping (written down again here, on
      purpose, as an independent copy of the contract).
  compare_outputs.py example FIXTURES_DIR OUTPUTS_JSON IMAGE_ID
      outputs of examples/basic for one image.

Numbers on both sides are read as exact decimals: SPEC carries every JSON
number exactly (350.5, 2^64, a 30-digit fraction), so a float would hide a
rounding. Prints each difference and exits 1 when there is any.
"""
import decimal
import json
import math
import os
import sys


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=decimal.Decimal, parse_int=decimal.Decimal)

S, N, B = "string", "number", "bool"
ATTACHMENT = {"attach_time": ("attachTime", S), "attachment_id": ("attachmentId", S),
              "disk_id": ("diskId", S), "instance_id": ("instanceId", S),
              "instance_type": ("instanceType", S), "status": ("status", S)}
CHARGE = {"charge_mode": ("chargeMode", S), "charge_status": ("chargeStatus", S),
          "charge_start_time": ("chargeStartTime", S), "charge_expired_time": ("chargeExpiredTime", S),
          "charge_retire_time": ("chargeRetireTime", S)}
CLOUD_DISK = {"disk_id": ("diskId", S), "az": ("az", S), "name": ("name", S),
              "description": ("description", S), "disk_type": ("diskType", S), "status": ("status", S),
              "create_time": ("createTime", S), "snapshot_id": ("snapshotId", S),
              "disk_size_gb": ("diskSizeGB", N), "iops": ("iops", N), "throughput": ("throughput", N),
              "multi_attachable": ("multiAttachable", B), "encrypted": ("encrypted", B),
              "attachments": ("attachments", ("list", ATTACHMENT)), "charge": ("charge", ("object", CHARGE)),
              "tags": ("tags", "tags")}
LOCAL_DISK = {"disk_size_gb": ("diskSizeGB", N), "disk_type": ("diskType", S)}
DISK = {"auto_delete": ("autoDelete", B), "device_name": ("deviceName", S),
        "disk_category": ("diskCategory", S), "status": ("status", S),
        "cloud_disk": ("cloudDisk", ("object", CLOUD_DISK)), "local_disk": ("localDisk", ("object", LOCAL_DISK))}
IMAGE = {"id": ("imageId", S), "name": ("name", S), "description": ("desc", S),
         "architecture": ("architecture", S), "os_type": ("osType", S), "os_version": ("osVersion", S),
         "platform": ("platform", S), "image_source": ("imageSource", S),
         "root_device_type": ("rootDeviceType", S), "status": ("status", S), "progress": ("progress", S),
         "size_mb": ("sizeMB", N), "snapshot_id": ("snapshotId", S),
         "system_disk_size_gb": ("systemDiskSizeGB", N), "create_time": ("createTime", S),
         "launch_permission": ("launchPermission", S), "offline": ("offline", B), "imported": ("imported", B),
         "expired_time": ("expiredTime", S), "boot_mode": ("bootMode", S), "owner_pin": ("ownerPin", S),
         "instance_id": ("instanceId", S), "system_disk": ("systemDisk", ("object", DISK)),
         "data_disks": ("dataDisks", ("list", DISK))}


def expected(value, shape):
    """The state value SPEC gives for API JSON `value` of `shape`."""
    if value is None:
        return None
    if shape in (S, N, B):
        return value
    if shape == "tags":
        out = {}
        for tag in value:
            if tag is not None and tag.get("key") is not None:
                out[tag["key"]] = tag.get("value")
        return out
    kind, fields = shape
    if kind == "list":
        return [expected(v, ("object", fields)) for v in value]  # a null element stays null
    return {attr: expected(value.get(api), sub) for attr, (api, sub) in fields.items()}


# Set by --float64-display: the client (Terraform 1.3, OpenTofu 1.6) keeps a
# number that a float64 holds exactly at float64 precision and prints it
# shortest, so 2^64 shows as 18446744073709550000 (Terraform 1.11 and 0.13
# print it exactly). Such a number then matches within one float64 step; every
# other number must still match exactly.
FLOAT64_DISPLAY = False


def same_number(want, got):
    if want == got:
        return True
    if not (FLOAT64_DISPLAY and isinstance(want, decimal.Decimal) and isinstance(got, decimal.Decimal)):
        return False
    try:
        exact = decimal.Decimal(float(want)) == want
    except (OverflowError, ValueError):
        return False
    return exact and abs(got - want) <= decimal.Decimal(math.ulp(float(want)))


def diff(path, want, got, out):
    if isinstance(want, dict) and isinstance(got, dict):
        for k in sorted(set(want) | set(got)):
            if k not in got:
                out.append(f"{path}.{k}: missing from state")
            elif k not in want:
                out.append(f"{path}.{k}: not in SPEC")
            else:
                diff(f"{path}.{k}", want[k], got[k], out)
    elif isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (w, g) in enumerate(zip(want, got)):
            diff(f"{path}[{i}]", w, g, out)
    elif not same_number(want, got) or type(want) is bool and type(got) is not bool:
        out.append(f"{path}: expected {json.dumps(want, ensure_ascii=False, default=str)}, "
                   f"got {json.dumps(got, ensure_ascii=False, default=str)}")


def load_fixture(fixtures, image_id):
    return load_json(os.path.join(fixtures, "images", image_id + ".json"))


def compare_all(fixtures, outputs):
    images = outputs["images"]["value"]
    problems = []
    if not images:
        problems.append("no images in the output")
    for image_id, state in sorted(images.items()):
        fixture = load_fixture(fixtures, image_id)
        want = expected(fixture, ("object", IMAGE))
        want["image_id"] = image_id
        want["region"] = (fixture.get("__double") or {}).get("regions", ["cn-north-1"])[0]
        # A lookup by id leaves the search arguments null.
        want["most_recent"] = None
        want["filter"] = None
        diff(image_id, want, state, problems)
    return problems, len(images)


def compare_example(fixtures, outputs, image_id):
    img = load_fixture(fixtures, image_id)
    sd = img.get("systemDisk") or {}
    size = ((sd.get("cloudDisk") or {}).get("diskSizeGB") or (sd.get("localDisk") or {}).get("diskSizeGB")
            or img.get("systemDiskSizeGB"))
    want = {
        "image_name": img.get("name"),
        "os": f'{img["platform"]} {img["osVersion"]} ({img["osType"]}, {img["architecture"]})',
        "status": img.get("status"),
        "system_disk_size_gb": size,
        "data_disk_devices": [d.get("deviceName") for d in img.get("dataDisks") or []],
    }
    got = {k: v["value"] for k, v in outputs.items()}
    problems = []
    diff("output", want, got, problems)
    return problems, 1


def main(argv):
    global FLOAT64_DISPLAY
    if "--float64-display" in argv:
        FLOAT64_DISPLAY = True
        argv = [a for a in argv if a != "--float64-display"]
    mode, fixtures, outputs_path = argv[1], argv[2], argv[3]
    outputs = load_json(outputs_path)
    if mode == "all":
        problems, n = compare_all(fixtures, outputs)
    else:
        problems, n = compare_example(fixtures, outputs, argv[4])
    for p in problems:
        print("  MISMATCH " + p)
    print(f"  compared {n} image(s): {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
