"""What the search e2e configuration must output, computed from the API
double's fixture files alone (a second implementation of the SPEC's search
rules, apart from the provider's): the newest online public CentOS x86_64
image in cn-north-1, and the private images named web-golden-*, newest first
(the first of them is the newest golden image).

usage: search_oracle.py FIXTURES_DIR... -> JSON on stdout
"""
import datetime
import glob
import json
import os
import re
import sys


def images(dirs):
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "images", "*.json"))):
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            image = doc.get("result", {}).get("image", doc) if "result" in doc else doc
            regions = (doc.get("__double") or {}).get("regions", ["cn-north-1"])
            if "cn-north-1" in regions:
                yield image


def order_key(image):
    text = image.get("createTime") or ""
    try:
        when = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if when.tzinfo is None:
            raise ValueError(text)
        return (0, -when.timestamp(), "", image["imageId"])
    except ValueError:
        return (1, 0, text, image["imageId"]) if text else (2, 0, "", image["imageId"])


def main(dirs):
    all_images = list(images(dirs))
    online = [i for i in all_images if not i.get("offline")]
    centos = [i for i in online if i.get("imageSource") == "public" and i.get("platform") == "CentOS"
              and i.get("architecture") == "x86_64"]
    golden = [i for i in online if i.get("imageSource") == "private" and re.search(r"^web-golden-", i.get("name") or "")]
    centos.sort(key=order_key)
    golden.sort(key=order_key)
    print(json.dumps({"centos_image_id": centos[0]["imageId"], "centos_create_time": centos[0].get("createTime"),
                      "golden_image_id": golden[0]["imageId"],
                      "golden_ids": [i["imageId"] for i in golden],
                      "golden_names": [i.get("name") for i in golden]}))


if __name__ == "__main__":
    main(sys.argv[1:])
