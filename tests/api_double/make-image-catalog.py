#!/usr/bin/env python3
"""Writes tests/fixtures/catalog/images/*.json: the image catalog the API
double's describeImages tests (and the provider's search tests) run against.

Deterministic: every value derives from the image's index, ids from a SHA-256
of a fixed label, so running it again rewrites the same bytes. Run it after
changing it and commit the result; `--check` exits 1 when the committed files
differ from what it would write.

    python3 tests/api_double/make-image-catalog.py [--check] [--out DIR]

What the catalog holds (see tests/api_double/README.md):
  * 240 public images: CentOS / Ubuntu / Windows Server, x86_64 and arm64
    (Windows x86_64 only), cloud and local system disks, bios and uefi;
    status ready except one error and one deleting; 3 withdrawn
    ("offline": true), so a default search for public images finds 237;
    groups sharing one createTime (tie-breaks), 3 with a createTime that is
    not a date-time, 3 with an empty one and 1 with none;
  * 6 marketplace images (thirdparty), 2 of them withdrawn;
  * 10 private images web-golden-1 .. web-golden-10 with every
    launchPermission, two sharing a createTime, one pending.
"""

import argparse
import datetime
import hashlib
import json
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "tests" / "fixtures" / "catalog" / "images"

PUBLIC_COUNT = 240
BASE_TIME = datetime.datetime(2019, 1, 7, 8, 0, 0, tzinfo=datetime.timezone.utc)

LINUX_VERSIONS = {
    "CentOS": ["7.2", "7.4", "7.6", "7.9", "8.2", "8.4", "Stream 9"],
    "Ubuntu": ["16.04", "18.04", "20.04", "22.04", "24.04"],
}
WINDOWS_VERSIONS = ["2012 R2 Datacenter", "2016 Datacenter", "2019 Datacenter", "2022 Datacenter"]

# Public images by index with something special about them.
TIE_GROUPS = [(40, 41, 42), (100, 101), (180, 181, 182, 183)]  # same createTime as the first
UNPARSEABLE_TIMES = {60: "2023/05/06 10:00:00", 61: "not-a-date", 150: "2023-13-40T25:61:00Z"}
EMPTY_TIMES = {70, 170, 200}
NO_TIME = {210}
OFFLINE = {5, 55, 155}
STATUS = {33: "error", 133: "deleting"}


def image_id(label):
    return "img-" + hashlib.sha256(("jdcloud-api-double catalog " + label).encode()).hexdigest()[:10]


def rfc3339(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def system_disk(root_device_type, size_gb, snapshot_id):
    if root_device_type == "localDisk":
        return {"diskCategory": "local", "autoDelete": True, "deviceName": "vda",
                "localDisk": {"diskType": "ssd", "diskSizeGB": size_gb}}
    return {"diskCategory": "cloud", "autoDelete": True, "deviceName": "vda",
            "cloudDisk": {"diskType": "ssd.gp1", "diskSizeGB": size_gb, "snapshotId": snapshot_id,
                          "multiAttachable": False, "encrypted": False, "attachments": [], "tags": []}}


def base_image(label, name, platform, version, arch, source, created, root_device_type, boot_mode):
    iid = image_id(label)
    windows = platform == "Windows Server"
    size_gb = 50 if windows else 40
    snapshot_id = "" if root_device_type == "localDisk" else "snapshot-" + iid[4:]
    image = {
        "imageId": iid,
        "name": name,
        "platform": platform,
        "osVersion": version,
        "architecture": arch,
        "systemDiskSizeGB": size_gb,
        "imageSource": source,
        "osType": "windows" if windows else "linux",
        "status": "ready",
        "createTime": created,
        "sizeMB": 1024 + int(iid[4:8], 16) % 8192,
        "desc": f"{platform} {version} ({arch}) catalog image for the API double",
        "systemDisk": system_disk(root_device_type, size_gb, snapshot_id),
        "dataDisks": [],
        "snapshotId": snapshot_id,
        "rootDeviceType": root_device_type,
        "progress": "100",
        "launchPermission": "all",
        "offline": False,
        "imported": False,
        "expiredTime": "",
        "bootMode": boot_mode,
    }
    return image


def public_time(i):
    for group in TIE_GROUPS:
        if i in group:
            i = group[0]
    return rfc3339(BASE_TIME + datetime.timedelta(days=7 * i, hours=(i * 5) % 24, minutes=(i * 13) % 60))


def public_image(i):
    platform = ["CentOS", "Ubuntu", "Windows Server"][i % 3]
    if platform == "Windows Server":
        versions, arch = WINDOWS_VERSIONS, "x86_64"
    else:
        versions = LINUX_VERSIONS[platform]
        arch = "arm64" if (i // 3) % 4 == 3 else "x86_64"
    version = versions[(i // 3) % len(versions)]
    root = "localDisk" if i % 7 == 0 else "cloudDisk"
    boot = "uefi" if arch == "arm64" or (platform == "Windows Server" and i % 2) else "bios"
    name = f"{platform} {version} 64位 {arch} r{i:03d}"
    if i % 10 == 0:
        name += " 安全加固版"
    image = base_image(f"public {i}", name, platform, version, arch, "public", public_time(i), root, boot)
    if i in UNPARSEABLE_TIMES:
        image["createTime"] = UNPARSEABLE_TIMES[i]
    elif i in EMPTY_TIMES:
        image["createTime"] = ""
    elif i in NO_TIME:
        del image["createTime"]
    image["offline"] = i in OFFLINE
    image["status"] = STATUS.get(i, "ready")
    return image


def thirdparty_image(i):
    stacks = ["LAMP", "WordPress", "Docker CE", "GitLab CE", "Nginx", "Tomcat"]
    created = rfc3339(BASE_TIME + datetime.timedelta(days=90 * i + 3))
    image = base_image(f"thirdparty {i}", f"{stacks[i]} on CentOS 7.9 (marketplace)", "CentOS", "7.9", "x86_64",
                       "thirdparty", created, "cloudDisk", "bios")
    image["offline"] = i in (1, 4)
    return image


def private_image(n):
    permissions = ["all", "specifiedUsers", "ownerOnly"]
    platform, version = ("Ubuntu", "22.04") if n in (4, 8) else ("CentOS", "7.9")
    arch = "arm64" if n in (6, 7) else "x86_64"
    day = 3 if n == 4 else n  # web-golden-3 and web-golden-4 were made at the same second
    created = rfc3339(datetime.datetime(2024, 5, 1, 9, 30, 0, tzinfo=datetime.timezone.utc) +
                      datetime.timedelta(days=day))
    image = base_image(f"private {n}", f"web-golden-{n}", platform, version, arch, "private", created,
                       "cloudDisk", "uefi" if arch == "arm64" else "bios")
    image["launchPermission"] = permissions[n % 3]
    image["ownerPin"] = "jdcloud-test-pin"
    image["instanceId"] = "i-" + image["imageId"][4:]
    image["desc"] = f"golden web server image, build {n}"
    if n == 10:
        image["status"] = "pending"
        image["progress"] = "45"
    return image


def catalog():
    images = [public_image(i) for i in range(PUBLIC_COUNT)]
    images += [thirdparty_image(i) for i in range(6)]
    images += [private_image(n) for n in range(1, 11)]
    ids = [image["imageId"] for image in images]
    assert len(set(ids)) == len(ids), "image ids collide"
    return {image["imageId"]: json.dumps(image, ensure_ascii=False, indent=2) + "\n" for image in images}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, help="directory for <imageId>.json")
    parser.add_argument("--check", action="store_true", help="exit 1 if the files differ from what would be written")
    args = parser.parse_args()

    files = {f"{iid}.json": text for iid, text in catalog().items()}
    existing = {p.name: p.read_text(encoding="utf-8") for p in args.out.glob("*.json")} if args.out.is_dir() else {}
    if args.check:
        if existing != files:
            stale = sorted(set(existing) ^ set(files) | {n for n in files if existing.get(n) != files[n]})
            print(f"{args.out}: {len(stale)} files differ, e.g. {stale[:3]}; run {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in set(existing) - set(files):  # left over from an older catalog
        (args.out / name).unlink()
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} images to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
