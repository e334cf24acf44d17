#!/usr/bin/env bash
# README command 1 (`npm start`): install, build, then `onetrip start --demo`, which starts
# PostgreSQL and Redis when none is configured, migrates, starts the api, the worker and the web
# app, loads the demo dataset and prints the URL. Ctrl-C stops everything.
#
# Signals: npm forwards SIGINT/SIGTERM to its child only (not to the group), and package.json
# runs this script with `exec`, so that child is this shell. A shell waiting for a foreground
# command acts on a signal only once that command is done, so the install and build run in the
# background and are waited for, and the last command replaces the shell (`exec`): a
# `kill -INT` of `npm start` reaches `onetrip start` itself, which stops everything.
# ONETRIP_SKIP_BUILD=1 skips the install and build checks (tests, which built beforehand).
set -euo pipefail
cd "$(dirname "$0")/.."

# Runs "$@" in the background and waits for it; SIGINT/SIGTERM stop it and this script.
interruptible() {
  "$@" &
  local pid=$! rc=0
  trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" || true; exit 130' INT TERM
  wait "$pid" || rc=$?
  trap - INT TERM
  return "$rc"
}

if [ "${ONETRIP_SKIP_BUILD:-}" != 1 ]; then
  interruptible bash tools/ensure-deps.sh
  if [ ! -f dist/.build-stamp ] || [ -n "$(find apps libs tools package-lock.json -newer dist/.build-stamp -type f -not -path '*/node_modules/*' -print -quit)" ]; then
    echo "Building…" >&2
    interruptible node tools/build.mjs
    touch dist/.build-stamp
  fi
fi
exec node apps/cli/bin/onetrip.js start --demo "$@"
