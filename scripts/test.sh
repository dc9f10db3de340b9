#!/usr/bin/env bash
# `npm test`: check (format, lint with the layer rules, every typecheck) → unit/property tests → production build → CLI on every built-in scenario → the grader CLI on every lesson solution → e2e.
# Vitest's and Playwright's closing lines are not read by CI, so this ends with ONE plain line
# "tests: N passed, N failed, N skipped" counted from their JSON reports. Exit != 0 on any failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NO_COLOR=1 FORCE_COLOR=0
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

TIMES=()
FAILED_STEPS=()
step() { # step NAME CMD... : runs and times CMD, records a failure, returns its status
  local name=$1; shift
  local t0=$EPOCHREALTIME rc
  echo "=== [$name] $*"
  "$@"; rc=$?
  TIMES+=("$name=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}')s")
  if [ $rc -ne 0 ]; then echo "=== [$name] FAILED (exit $rc)"; FAILED_STEPS+=("$name"); fi
  return $rc
}
finish() {
  local P F S
  read -r P F S < <(node scripts/count-tests.mjs 2>/dev/null || echo 0 0 0)
  echo "timing: ${TIMES[*]}"
  if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
    echo "failed steps: ${FAILED_STEPS[*]}"
    [ "${F:-0}" -eq 0 ] && F=1 # a broken step (typecheck, build, scenarios) counts as a failure
  fi
  echo "tests: ${P:-0} passed, ${F:-0} failed, ${S:-0} skipped"
  [ ${#FAILED_STEPS[@]} -eq 0 ] && [ "${F:-0}" -eq 0 ]
  exit $?
}

rm -rf test-results && mkdir -p test-results
step check npm run -s check
step vitest ./node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
step build ./node_modules/.bin/vite build --logLevel warn || finish
step build-cli node scripts/build-cli.mjs || finish
step scenarios node bin/vmq.mjs run public/scenarios/*.json --quiet --strict
step lessons node scripts/grade-lessons.mjs
step e2e ./node_modules/.bin/playwright test
finish
