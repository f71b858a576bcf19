#!/usr/bin/env bash
# Set up a fresh machine: a Python virtual environment in .venv with the site's
# packages and our plugins, and the browser editor (Decap CMS) from npm. With
# --test, also the test tools: pytest, Hypothesis, Playwright and the npm test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
if [[ "${1:-}" == "--test" ]]; then
  .venv/bin/pip install --quiet -r requirements-test.txt -e plugins
  npm_omit=()
else
  .venv/bin/pip install --quiet -r requirements.txt -e plugins
  npm_omit=(--omit=dev)
fi
if command -v npm >/dev/null; then
  npm install --no-audit --no-fund --silent "${npm_omit[@]}"
else
  echo "npm not found: the site will build without the browser editor (/admin/)."
fi
echo "Set up: .venv is ready."
