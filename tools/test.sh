#!/usr/bin/env bash
# README command 2 (`npm test`): lint, formatting, type checks, build, then every Jest project (unit, web,
# integration, e2e) in one run against the real PostgreSQL and Redis. Ends with the plain line
# `N passed, N failed`, counting the static checks and every Jest test, and exits non-zero on any
# failure. Extra arguments go to Jest (e.g. `npm test -- libs/mining`).
set -uo pipefail
cd "$(dirname "$0")/.."
source tools/ensure-deps.sh
export TZ=UTC

passed=0
failed=0
check() {
  local name=$1
  shift
  echo "── $name" >&2
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}

check lint npm run --silent lint
check format npx prettier --check --log-level warn .
check typecheck-server npx tsc -p tsconfig.json --noEmit
check typecheck-web npx tsc -p apps/web/tsconfig.json --noEmit
check build node tools/build.mjs

mkdir -p test/e2e/artifacts
results=test/e2e/artifacts/jest-results.json
rm -f "$results"
echo "── jest" >&2
npx jest --ci --maxWorkers=2 --json --outputFile="$results" "$@"
jest_status=$?
counts=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites);
' "$results" 2>/dev/null) || counts=""
if [ -n "$counts" ]; then
  read -r jp jf <<<"$counts"
  passed=$((passed + jp))
  failed=$((failed + jf))
  # Jest failed without a failing test (e.g. a suite that could not run): still a failure.
  if [ "$jest_status" -ne 0 ] && [ "$jf" -eq 0 ]; then failed=$((failed + 1)); fi
else
  echo "FAILED: jest wrote no readable result file" >&2
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
