#!/usr/bin/env python3
"""Checks a provider's stderr as Terraform parses it (reference §9).

Usage: check_log_lines.py FILE MIN_LEVEL [--min-lines N] [--forbid TEXT]...
Every line must be one JSON object whose "@"-keys are exactly @level, @message,
@module, @timestamp, all values strings, @timestamp with exactly 6 fractional
digits and Z or +hh:mm, @module "provider.jdcloud", @level one of Terraform's
five and not below MIN_LEVEL ("off": no line at all). No line starts with
"panic: ", and no FORBID text appears anywhere (case-insensitive).
Prints a summary; exits 1 with the offending line on the first failure.
"""
import json
import re
import sys

LEVELS = ["trace", "debug", "info", "warn", "error"]
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$")
KEYS = {"@level", "@message", "@module", "@timestamp"}


def fail(message, line=None):
    print(f"FAIL: {message}" + (f"\n    line: {line[:400]}" if line is not None else ""))
    sys.exit(1)


def main():
    args = sys.argv[1:]
    path, min_level = args[0], args[1]
    min_lines, forbidden = 0, []
    i = 2
    while i < len(args):
        if args[i] == "--min-lines":
            min_lines = int(args[i + 1])
        elif args[i] == "--forbid":
            forbidden.append(args[i + 1])
        else:
            fail(f"unknown argument {args[i]}")
        i += 2
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    lines = [l for l in text.split("\n") if l != ""]
    for word in forbidden:
        if word.lower() in text.lower():
            hit = next(l for l in lines if word.lower() in l.lower())
            fail(f"forbidden text {word!r} in the log", hit)
    if min_level == "off":
        if lines:
            fail("logging is off but the provider wrote to stderr", lines[0])
        print("ok: no output with logging off")
        return
    threshold = LEVELS.index(min_level)
    counts = {level: 0 for level in LEVELS}
    for line in lines:
        if line.startswith("panic: ") or line.startswith("fatal error: "):
            fail("a line Terraform treats as a crash", line)
        try:
            obj = json.loads(line)
        except ValueError:
            fail("not a JSON object", line)
        if not isinstance(obj, dict):
            fail("not a JSON object", line)
        at_keys = {k for k in obj if k.startswith("@")}
        if at_keys != KEYS:
            fail(f"@-keys are {sorted(at_keys)}, want {sorted(KEYS)}", line)
        for key, value in obj.items():
            if not isinstance(value, str):
                fail(f"{key} is not a string", line)
        if not TIMESTAMP.match(obj["@timestamp"]):
            fail("@timestamp does not have exactly 6 fractional digits and a zone", line)
        if obj["@module"] != "provider.jdcloud":
            fail("@module is not provider.jdcloud", line)
        level = obj["@level"]
        if level not in LEVELS:
            fail(f"@level {level!r} is not one Terraform recognises", line)
        if LEVELS.index(level) < threshold:
            fail(f"@level {level} is below the configured {min_level}", line)
        if obj["@message"] == "":
            fail("empty @message", line)
        counts[level] += 1
    if len(lines) < min_lines:
        fail(f"{len(lines)} lines, expected at least {min_lines}")
    print(f"ok: {len(lines)} lines at >= {min_level}: " + ", ".join(f"{k}={v}" for k, v in counts.items() if v))


if __name__ == "__main__":
    main()
