#!/usr/bin/env bash
# A page edited by hand must fail `jdcloud-docs --check`, naming the page and
# line; regenerating must make the check pass again. Runs on a copy of the
# tree's docs inputs, so the committed pages are never touched.
# Usage: stale_check.sh <jdcloud-docs> <source-dir>
set -euo pipefail
docs_tool=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$source/docs" "$source/templates" "$source/examples" "$work/"

"$docs_tool" --check "$work" >/dev/null

sed -i 's/^- `region` (String) .*/- `region` (String) Edited by hand./' "$work/docs/data-sources/images.md"
if "$docs_tool" --check "$work" 2>"$work/check.err"; then
  echo "FAIL: a hand-edited page passed the check" >&2
  exit 1
fi
grep -q '^docs/data-sources/images.md:[0-9]*: differs from what the schema generates' "$work/check.err" || {
  echo "FAIL: the check did not name the edited page and line:" >&2
  cat "$work/check.err" >&2
  exit 1
}
grep -q 'committed: - `region` (String) Edited by hand.' "$work/check.err"

"$docs_tool" "$work" >/dev/null
"$docs_tool" --check "$work"
echo "PASS: the hand edit failed the check; after regeneration it passes"
