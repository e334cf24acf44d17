# Sourced by tools/start.sh and tools/test.sh: installs the npm dependencies when they are
# missing or older than package-lock.json, so both README commands work on a fresh clone.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "onetrip needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (npm ci)…" >&2
  if ! npm ci --no-audit --no-fund >&2; then
    echo "npm ci failed: the dependencies could not be installed (see above)." >&2
    exit 1
  fi
fi
