#!/usr/bin/env bash
# Set up a fresh machine: a Python virtual environment in .venv with the site's
# packages and our plugins. With --test, also the test tools: pytest and
# Hypothesis, Node packages (npm), and Debian's chromium for browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
if [[ "${1:-}" == "--test" ]]; then
  .venv/bin/pip install --quiet -r requirements-test.txt -e plugins
  if command -v npm >/dev/null; then
    npm install --no-audit --no-fund --silent
  fi
else
  .venv/bin/pip install --quiet -r requirements.txt -e plugins
fi
echo "Set up: .venv is ready."
