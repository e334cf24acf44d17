#!/usr/bin/env bash
# README command 1 (`npm start`): install, build, then `onetrip start --demo`, which starts
# PostgreSQL and Redis when none is configured, migrates, starts the api, the worker and the web
# app, loads the demo dataset and prints the URL. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/ensure-deps.sh
if [ ! -f dist/.build-stamp ] || [ -n "$(find apps libs tools package-lock.json -newer dist/.build-stamp -type f -not -path '*/node_modules/*' -print -quit)" ]; then
  echo "Building…" >&2
  node tools/build.mjs
  touch dist/.build-stamp
fi
exec node apps/cli/bin/onetrip.js start --demo "$@"
