# shellcheck shell=bash
# Environment for CPOR Desk's scripts. Source it, don't run it:
#
#     source scripts/env.sh
#
# - PATH: node_modules/.bin first (binaryen's wasm-opt 132, never Debian's
#   older one), then cargo's bin folder (trunk, wasm-bindgen, the test runner),
#   even on a machine whose login shell doesn't put ~/.cargo/bin on PATH.
# - The variables wasm-bindgen-test-runner reads for headless Chromium.
# - Trunk: no update check and offline mode, so Trunk never downloads a
#   wasm-bindgen or wasm-opt of its own: it uses the ones on PATH (whose
#   versions scripts/setup makes match Trunk.toml's [tools]) or stops with an
#   error. Offline mode is passed on to cargo too; scripts/setup runs
#   `cargo fetch`, so run it again after adding a dependency.
# Safe to source more than once; it changes nothing but the environment.

CPOR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export CPOR_ROOT

# Puts $1 at the front of PATH, removing any later copy of it.
cpor_path_prepend() {
  local dir="$1" rest=":${PATH}:"
  while [[ "$rest" == *":$dir:"* ]]; do rest="${rest//:"$dir":/:}"; done
  rest="${rest#:}"
  rest="${rest%:}"
  PATH="${dir}${rest:+:$rest}"
}

cpor_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
cpor_path_prepend "$CPOR_ROOT/node_modules/.bin"
export PATH
unset -f cpor_path_prepend

# wasm-bindgen-test-runner (cargo's runner for wasm32, see .cargo/config.toml).
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
# The runner gives the WebDriver (chromedriver, WebKitWebDriver) 5 s to
# listen on its port. On a CI run with both cores busy chromedriver once did
# not, and the runner killed it before any test ran ("driver failed to bind
# port during startup"): 60 s (a driver that never starts still ends the run).
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-60}"
# The runner looks for ./webdriver.json in its working directory; name it
# absolutely so it is found wherever cargo is started from.
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$CPOR_ROOT/webdriver.json}"

# Trunk.
export TRUNK_SKIP_VERSION_CHECK="${TRUNK_SKIP_VERSION_CHECK:-true}"
export TRUNK_OFFLINE="${TRUNK_OFFLINE:-true}"

# CI: nothing asks a question, no colour codes in the log.
if [ "${CI:-}" = "true" ]; then
  export DEBIAN_FRONTEND=noninteractive
  export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
  export NO_COLOR="${NO_COLOR:-true}"
fi
# Trunk reads NO_COLOR as its --no-color flag and accepts only true/false:
# the common NO_COLOR=1 would make every trunk command fail.
if [ -n "${NO_COLOR:-}" ]; then
  export NO_COLOR=true
fi
