#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: every check and every runtime.
#
#   checks   deno fmt --check, deno lint, deno check, deno doc --lint, deno publish --dry-run (publish), the
#            API reference built by deno doc --html into .build/apidocs/ (apidocs), the README's runtime
#            section (readme), every code block of the Markdown docs type-checked and run against the
#            simulator (readme-code), scripts/spec/ against the shared folder (spec), the generated files
#            against the generator (generate), and every scripts/check_*.ts (a stage named after the file)
#   deno     the JSDoc examples (deno test --doc) and tests/ on Deno, over the TypeScript sources
#   npm      the npm build (scripts/build_npm.ts), bundle sanity (scripts/bundle_sanity.mjs), and the packed
#            tarball as a user gets it (package: publint, attw, a scratch project using it from Node ESM and
#            require, TypeScript bundler/node16/nodenext, Bun, Deno and a Worker bundle in workerd)
#   node20   tests/ compiled by tsc, on the system Node (named node<major>), importing the built package by name
#   node24   the same on Node 24 (node_modules/node24)
#   bun      tests/ on Bun, importing the built package by name
#   workerd  tests/conformance/ inside workerd through Miniflare (scripts/run_workerd.mjs)
#   examples examples/{deno.ts,node.mjs,bun.ts,worker.ts}, each run and its output checked
#
# Every stage runs even when an earlier one failed. Each prints one line `stage: N passed, N failed`
# (a check counts as 1 passed or 1 failed; a runner that crashed or ran nothing counts as 1 failed), its
# full output goes to .build/logs/<stage>.log, and the last line is the total over every stage:
# `N passed, N failed`. Exits 1 if anything failed.
#
# Environment: NODE20=/path/to/node picks the "system" Node; STAGES="deno node20" runs only those
# stages (names as above, plus fmt lint check doc publish apidocs readme readme-code doctest build bundle
# package); VERBOSE=1 prints logs.

set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
export PATH="$ROOT/node_modules/.bin:$PATH"
export NO_COLOR=1 DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
unset FORCE_COLOR
# The examples and suites must run offline against the simulator, whatever the developer's shell has.
unset GITLAB_URL GITLAB_TOKEN GITLAB_PROJECT GITLAB_GROUP

LOGS="$ROOT/.build/logs"
rm -rf "$LOGS"
mkdir -p "$LOGS"
STARTED=$SECONDS
TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
STAGE_LIMIT=${STAGE_LIMIT:-600}

want() { [ -z "${STAGES:-}" ] || [[ " $STAGES " == *" $1 "* ]]; }

# record NAME PASSED FAILED [NOTE]
record() {
  local line="$1: $2 passed, $3 failed${4:+ ($4)}"
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  SUMMARY+=("$line")
  echo "$line"
}

# show_failure LOG: the useful end of a failed stage's log.
show_failure() {
  if [ "${VERBOSE:-}" = 1 ]; then
    cat "$1"
  else
    echo "  --- last lines of ${1#"$ROOT"/} ---"
    grep -v '^\s*$' "$1" | tail -n 40 | sed 's/^/  | /'
  fi
}

# run LOG CMD...: runs CMD with a time limit, output to LOG; returns its exit code.
run() {
  local log=$1
  shift
  timeout --kill-after=15 "$STAGE_LIMIT" "$@" >"$log" 2>&1 </dev/null
}

# check NAME CMD...: a check stage, 1 passed or 1 failed.
check() {
  local name=$1
  shift
  want "$name" || return 0
  local log="$LOGS/$name.log" t=$SECONDS
  if run "$log" "$@"; then
    record "$name" 1 0 "$((SECONDS - t)) s"
  else
    record "$name" 0 1 "exit $?, $((SECONDS - t)) s"
    show_failure "$log"
  fi
}

# counts KIND LOG: prints "PASSED FAILED" parsed from a runner's output (empty when none found).
counts() {
  local kind=$1 log
  log=$(mktemp)
  sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$2" >"$log"
  counts_plain "$kind" "$log"
  rm -f "$log"
}

counts_plain() {
  local kind=$1 log=$2
  case $kind in
    deno)
      # ok | 12 passed (3 steps) | 0 failed | 1 ignored (2s)   /   FAILED | 10 passed | 2 failed (1s)
      grep -aE '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -n 1 |
        sed -E 's/^[A-Za-z]+ \| ([0-9]+) passed[^|]*\| ([0-9]+) failed.*/\1 \2/'
      ;;
    node)
      # TAP: "# pass 263", "# fail 38", "# cancelled 0"
      local p f c
      p=$(grep -aE '^# pass [0-9]+$' "$log" | tail -n 1 | awk '{print $3}')
      f=$(grep -aE '^# fail [0-9]+$' "$log" | tail -n 1 | awk '{print $3}')
      c=$(grep -aE '^# cancelled [0-9]+$' "$log" | tail -n 1 | awk '{print $3}')
      [ -n "$p" ] && [ -n "$f" ] && echo "$p $((f + ${c:-0}))"
      ;;
    bun)
      # " 380 pass", " 4 fail", " 1 error"
      local p f e
      p=$(grep -aE '^ *[0-9]+ pass$' "$log" | tail -n 1 | awk '{print $1}')
      f=$(grep -aE '^ *[0-9]+ fail$' "$log" | tail -n 1 | awk '{print $1}')
      e=$(grep -aE '^ *[0-9]+ errors?$' "$log" | tail -n 1 | awk '{print $1}')
      [ -n "$p" ] && echo "$p $((${f:-0} + ${e:-0}))"
      ;;
    plain)
      # "name: 12 passed, 0 failed" (our own scripts)
      grep -aE '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 |
        sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/'
      ;;
  esac
}

# suite NAME KIND CMD...: a test runner stage; counts parsed from its output.
suite() {
  local name=$1 kind=$2
  shift 2
  want "$name" || return 0
  local log="$LOGS/$name.log" t=$SECONDS code=0
  run "$log" "$@" || code=$?
  local parsed passed failed note
  parsed=$(counts "$kind" "$log")
  if [ -z "$parsed" ]; then
    passed=0 failed=1 note="no test summary, exit $code"
  else
    read -r passed failed <<<"$parsed"
    note="$((SECONDS - t)) s"
    if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then
      failed=1 note="exit $code with no failed test, $((SECONDS - t)) s"
    elif [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
      failed=1 note="ran no test"
    fi
  fi
  record "$name" "$passed" "$failed" "$note"
  if [ "$failed" -ne 0 ]; then
    case $kind in
      node) grep -aE '^not ok ' "$log" | head -n 30 | sed 's/^/  | /' ;;
      bun) grep -aE '^\(fail\) ' "$log" | sort -u | head -n 30 | sed 's/^/  | /' ;;
      deno | plain) grep -aE 'FAILED|^=>|^error' "$log" | sort -u | head -n 30 | sed 's/^/  | /' ;;
    esac
    show_failure "$log"
  fi
}

# The system Node: the first `node` on PATH that is not one of ours (under `npm test`,
# node_modules/.bin/node is Node 24 and comes first).
system_node() {
  if [ -n "${NODE20:-}" ]; then
    echo "$NODE20"
    return
  fi
  local dir real
  local IFS=:
  for dir in $PATH; do
    [ -x "$dir/node" ] || continue
    real=$(readlink -f "$dir/node")
    case $real in "$ROOT"/node_modules/*) continue ;; esac
    echo "$real"
    return
  done
  if [ -n "${npm_node_execpath:-}" ]; then echo "$npm_node_execpath"; fi
}

NODE_SYS=$(system_node)
NODE24="$ROOT/node_modules/node24/bin/node"
DENO=(deno)
# --allow-run and --allow-write=.build: tests/cli/ runs the command-line tool as a subprocess.
DENO_TEST_PERMS=(--allow-net=127.0.0.1,localhost --allow-env --allow-read --allow-run --allow-write=.build)
node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null; }

echo "gitlab-edge: test_all on $(uname -sm), $(nproc 2>/dev/null || echo '?') cores"
echo "tools: deno $(deno --version 2>/dev/null | head -n 1 | awk '{print $2}'), system node $("${NODE_SYS:-false}" --version 2>/dev/null || echo none) (${NODE_SYS:-not found}), node24 $("$NODE24" --version 2>/dev/null || echo none), bun $(bun --version 2>/dev/null || echo none), tsc $(tsc --version 2>/dev/null | awk '{print $2}')"

# ---------------------------------------------------------------------------------------------------
# checks
check_dirs=(mod.ts src tests scripts examples)
[ -d bench ] && check_dirs+=(bench)
check fmt "${DENO[@]}" fmt --check
check lint "${DENO[@]}" lint
check check "${DENO[@]}" check "${check_dirs[@]}"
# Every published entry point: the root, the testing modules and one per resource group.
check doc "${DENO[@]}" doc --lint mod.ts src/core.ts src/testing/mod.ts src/testing/server.ts src/webhooks/mod.ts src/cli/mod.ts src/cli/main.ts src/resources/*.ts
# JSR: the package as `deno publish` would upload it (slow types, exports, files); nothing is uploaded.
check publish "${DENO[@]}" publish --dry-run --allow-dirty
# The API reference, as JSR would show it: every entry point's docs as HTML (not committed), written by
# the same `npm run docs` a contributor runs.
check apidocs bash -c 'rm -rf .build/apidocs && npm run --silent docs && test -s .build/apidocs/index.html'
check readme "${DENO[@]}" run --allow-read --allow-run scripts/readme_runtimes.ts --check
# Every code block of README.md, CONTRIBUTING.md, CHANGELOG.md, SECURITY.md and docs/*.md: type-checked, and
# run against the simulator unless marked no-run.
check readme-code "${DENO[@]}" run --allow-read --allow-write=.build --allow-env --allow-run scripts/readme_code.ts
# The endpoint table: scripts/spec/ matches the shared GitLab API folder, and every generated file matches
# what the generator writes from scripts/spec/.
check spec "${DENO[@]}" run --allow-read --allow-env scripts/sync_spec.ts --check
check generate "${DENO[@]}" run --allow-read --allow-write --allow-run --allow-env scripts/generate_endpoints.ts --check
# Other project checks (scripts/check_*.ts), each a check stage named after its file. --allow-run is for
# the checks that read `deno doc --json` (check_examples.ts).
for script in scripts/check_*.ts; do
  [ -f "$script" ] || continue
  name=${script#scripts/check_}
  check "${name%.ts}" "${DENO[@]}" run --allow-read --allow-env --allow-run "$script"
done

# ---------------------------------------------------------------------------------------------------
# Deno, over the sources
suite doctest deno "${DENO[@]}" test --doc "${DENO_TEST_PERMS[@]}" mod.ts src/
suite deno deno "${DENO[@]}" test "${DENO_TEST_PERMS[@]}" tests/
check bench-smoke bash -c 'deno task bench --smoke && BENCH_NODE="$1" node bench/node.mjs --smoke' _ "${NODE_SYS:-node}"

# ---------------------------------------------------------------------------------------------------
# The npm package, and the runtimes that use it
BUILT=0
if want build || want bundle || want package || want node20 || want node24 || want bun || want workerd || want examples; then
  STAGES_SAVED=${STAGES:-}
  STAGES="" check build "${DENO[@]}" run -A scripts/build_npm.ts
  STAGES=$STAGES_SAVED
  [ -f npm/package.json ] && [ -L node_modules/@gitlab-edge/client ] && BUILT=1
fi

if [ $BUILT = 1 ]; then
  suite bundle plain node scripts/bundle_sanity.mjs
  # The tarball `npm pack` makes, linted and installed into a scratch project outside this repository.
  suite package plain env NODE20="${NODE_SYS:-}" node scripts/consume_package.mjs

  # Node: tests/ compiled once (no type check: Deno did that), gitlab-edge resolved to npm/ by name.
  NODE_TESTS_OK=0
  if want node20 || want node24; then
    rm -rf .build/node-tests
    if run "$LOGS/node-compile.log" node node_modules/typescript/bin/tsc -p tsconfig.tests.json; then
      printf '{ "type": "module" }\n' >.build/node-tests/package.json
      NODE_TESTS_OK=1
    else
      echo "node: compiling tests/ with tsc failed"
      show_failure "$LOGS/node-compile.log"
    fi
  fi
  mapfile -t NODE_FILES < <(find .build/node-tests/tests -name '*_test.js' 2>/dev/null | sort)
  SHIM_URL="file://$ROOT/tests/shim/deno_test_node.mjs"
  node_suite() { # NAME NODE
    if [ $NODE_TESTS_OK = 1 ] && [ -x "$2" ]; then
      suite "$1" node "$2" --import "$SHIM_URL" --test --test-reporter=tap "${NODE_FILES[@]}"
    elif want "$1"; then
      record "$1" 0 1 "$([ -x "$2" ] && echo 'tests did not compile' || echo "no node at ${2:-?}")"
    fi
  }
  SYS_MAJOR=$(node_major "${NODE_SYS:-false}")
  node_suite "node${SYS_MAJOR:-20}" "$NODE_SYS"
  node_suite node24 "$NODE24"

  # Bun: the TypeScript tests as they are, gitlab-edge resolved to npm/ by name.
  mapfile -t BUN_FILES < <(find tests -name '*_test.ts' | sort | sed 's|^|./|')
  suite bun bun bun test --preload ./tests/shim/deno_test_bun.mjs --timeout 60000 "${BUN_FILES[@]}"

  # Cloudflare Workers: the conformance suite inside workerd.
  suite workerd plain node scripts/run_workerd.mjs

  # Examples: each runs against the simulator and must print the seeded project and finish.
  if want examples; then
    ex_passed=0 ex_failed=0
    example() { # NAME CMD...
      local name=$1 log="$LOGS/example-$1.log"
      shift
      if run "$log" "$@" && grep -q '^gitlab: simulator$' "$log" && grep -q '^project: acme/web (' "$log" &&
        grep -qE '^  #[0-9]+ ' "$log" && [ "$(tail -n 1 "$log")" = done ]; then
        ex_passed=$((ex_passed + 1))
        echo "  example $name: ok ($(head -n 1 "$log"))"
      else
        ex_failed=$((ex_failed + 1))
        echo "  example $name: FAILED"
        show_failure "$log"
      fi
    }
    example deno "${DENO[@]}" run --allow-env --allow-net examples/deno.ts
    [ -x "${NODE_SYS:-}" ] && example "node${SYS_MAJOR}" "$NODE_SYS" examples/node.mjs
    example node24 "$NODE24" examples/node.mjs
    example bun bun examples/bun.ts
    example worker node scripts/run_worker_example.mjs
    # The webhook receiver example: a Worker that verifies and parses GitLab's events, inside workerd.
    if run "$LOGS/example-webhook.log" node scripts/run_webhook_example.mjs && grep -q '^webhook example: ok$' "$LOGS/example-webhook.log"; then
      ex_passed=$((ex_passed + 1))
      echo "  example webhook-worker: ok"
    else
      ex_failed=$((ex_failed + 1))
      echo "  example webhook-worker: FAILED"
      show_failure "$LOGS/example-webhook.log"
    fi
    # The command-line tool as the README gives it: npx and bunx run the bin the build linked, Deno the source.
    cli_example() { # NAME CMD...
      local name=$1 log="$LOGS/example-cli-$1.log"
      shift
      if run "$log" "$@" --simulator projects list --format table &&
        grep -qE '^ID +NAME +PATH_WITH_NAMESPACE' "$log" && grep -qE '^1 +Acme Web +acme/web ' "$log"; then
        ex_passed=$((ex_passed + 1))
        echo "  example cli-$name: ok"
      else
        ex_failed=$((ex_failed + 1))
        echo "  example cli-$name: FAILED"
        show_failure "$log"
      fi
    }
    cli_example npx npx --no-install gitlab-edge
    cli_example bunx bunx gitlab-edge
    cli_example deno "${DENO[@]}" task --quiet cli
    record examples "$ex_passed" "$ex_failed"
  fi
else
  for s in bundle package node20 node24 bun workerd examples; do
    want "$s" && record "$s" 0 1 "the npm build failed"
  done
fi

# ---------------------------------------------------------------------------------------------------
echo
echo "summary ($((SECONDS - STARTED)) s; logs in .build/logs/):"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_FAILED" -eq 0 ]
