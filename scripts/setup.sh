#!/usr/bin/env bash
# Installs everything notifier needs on a fresh machine (Node.js 20+ and npm; root for apt packages).
#   bash scripts/setup.sh          # pnpm + workspace dependencies
#   bash scripts/setup.sh --test   # ... plus what the test suite needs (Debian chromium for browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"

# corepack cannot fetch pnpm here (its signature check fails), so pnpm comes from the npm registry.
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm@$PNPM_VERSION with npm"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "setup: installing workspace dependencies (pnpm install --frozen-lockfile)"
pnpm install --frozen-lockfile --reporter=append-only

if [ "${1:-}" = "--test" ]; then
  for dir in apps/web; do
    if [ -d "$dir" ] && ! command -v chromium >/dev/null 2>&1; then
      echo "setup: installing Debian chromium for the browser tests"
      if [ "$(id -u)" -ne 0 ]; then
        echo "setup: chromium is missing and installing it needs root (apt-get install chromium)" >&2
        exit 1
      fi
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
  done
fi
echo "setup: done"
