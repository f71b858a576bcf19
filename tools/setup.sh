#!/usr/bin/env bash
# Set up a fresh machine: a Python virtual environment in .venv with the site's
# locked packages (hash-checked) and our plugins, and the browser editor (Decap
# CMS) from the npm lock. With --test, also the locked test tools, the npm test
# tools and Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

test_setup=false
[[ "${1:-}" == "--test" ]] && test_setup=true

if $test_setup && ! command -v chromium >/dev/null; then
  # The browser tests drive Debian's chromium (never a browser Playwright downloads).
  if [[ $(id -u) == 0 ]]; then
    apt_get=(apt-get)
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    apt_get=(sudo apt-get)
  else
    echo "Set-up stopped: the browser tests need Debian's chromium; install it as root with: apt-get install chromium" >&2
    exit 1
  fi
  echo "Installing Debian's chromium for the browser tests..."
  "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium >/dev/null
fi

lock=requirements.txt
$test_setup && lock=requirements-test.txt
[[ -x .venv/bin/python ]] || python3 -m venv .venv
# Every package at the version and file hash in the lock; then our own package,
# built with the locked setuptools (nothing unlocked is fetched).
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary :all: -r "$lock"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e plugins

if command -v npm >/dev/null; then
  npm_omit=()
  $test_setup || npm_omit=(--omit=dev)
  npm ci --no-audit --no-fund --silent "${npm_omit[@]}"
else
  echo "npm not found: the site will build without the browser editor (/admin/)."
fi
echo "Set up: .venv is ready."
