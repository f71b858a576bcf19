#!/usr/bin/env bash
# Refresh the Python locks from the loose ranges in requirements*.in: every
# package pinned to one version with the hashes of its files, which
# tools/setup.sh installs with hash checking. Needs uv (`pip install uv`).
# Pass --upgrade to move every package to the newest version the ranges allow.
set -euo pipefail
cd "$(dirname "$0")/.."
for name in requirements requirements-test; do
  uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --no-header --annotation-style line "$@" "$name.in" -o "$name.txt"
done
echo "Locked: requirements.txt, requirements-test.txt"
