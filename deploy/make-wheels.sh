#!/bin/sh
# taizhang and its dependencies (with the PostgreSQL extra) as wheels in deploy/wheels/, for an image
# build that fetches nothing (deploy/wheels/README.md). Argument: the Python to build them with (default
# python3); it must be the image's Python version.
set -eu
cd "$(dirname "$0")/.."
python=${1:-python3}
rm -f deploy/wheels/*.whl
"$python" -m pip wheel -q --wheel-dir deploy/wheels '.[postgres]'
ls deploy/wheels/*.whl | wc -l | sed 's/$/ wheels in deploy\/wheels/'
