// scripts/test's WebKit lane (lane_test_browser_webkit, docs/testing.md#webkit-retry):
// the 100 MB record test runs alone after the others; one or two failures
// of a run that reached its end run once more alone and must pass then;
// anything else fails the stage. The function is taken from scripts/test
// as it stands and run in bash with a fake test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const script = readFileSync(fileURLToPath(new URL("../../scripts/test", import.meta.url)), "utf8");
const lane = /^webkit_alone=.*?\nlane_test_browser_webkit\(\) \{\n.*?\n\}\n/ms.exec(script)?.[0];

// The fake runner: the main run (--skip) prints what MODE says; a run
// with --exact passes unless MODE says that name fails again.
const FAKE = `
wait_for_engines() { :; }
engine_copy() { echo x.wasm; }
webkit_runner() {
  echo "$*" >>"$state_dir/calls"
  if [ "$2" = --skip ]; then
    case "$MODE" in
      pass) printf 'test a::one ... ok\\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 filtered out; finished in 1s\\n'; return 0 ;;
      three) printf 'test a::one ... FAIL\\ntest a::two ... FAIL\\ntest a::three ... FAIL\\ntest result: FAILED. 0 passed; 3 failed; 0 ignored; 0 filtered out; finished in 1s\\n' ;;
      hung) printf 'test a::one ... ok\\ntest a::two ... FAIL\\nError: some tests failed\\n' ;;
      *) printf 'test a::one ... ok\\ntest a::two ... FAIL\\ntest result: FAILED. 1 passed; 1 failed; 0 ignored; 0 filtered out; finished in 1s\\n' ;;
    esac
    return 1
  fi
  case "$MODE:$3" in
    again:a::two | alone:"$webkit_alone") return 1 ;;
  esac
  return 0
}
`;

function run(mode) {
  const dir = mkdtempSync(join(tmpdir(), "cpor-webkit-lane-"));
  try {
    const body = `set -euo pipefail\nstate_dir=${JSON.stringify(dir)}\nwebkit_retried="$state_dir/retried"\nMODE=${mode}\n${FAKE}\n${lane}\nrc=0\n(lane_test_browser_webkit) >/dev/null 2>&1 || rc=$?\necho "$rc"\n`;
    const rc = Number(execFileSync("bash", ["-c", body], { encoding: "utf8" }).trim());
    const read = (f) => {
      try {
        return readFileSync(join(dir, f), "utf8").trim().split("\n");
      } catch {
        return [];
      }
    };
    return { rc, calls: read("calls"), retried: read("retried") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("scripts/test's WebKit lane is found", () => {
  assert.ok(lane, "lane_test_browser_webkit and webkit_alone in scripts/test");
});

test("the 100 MB record test runs alone, after the others", () => {
  const { rc, calls, retried } = run("pass");
  assert.equal(rc, 0);
  const alone = "hostile_input::a_100_mb_claim_in_indexeddb_does_not_stop_the_app";
  assert.deepEqual(calls, [`x.wasm --skip ${alone}`, `x.wasm --exact ${alone}`]);
  assert.deepEqual(retried, []);
});

test("one failure of a finished run passes when it passes alone, and is named", () => {
  const { rc, calls, retried } = run("once");
  assert.equal(rc, 0);
  assert.equal(calls[1], "x.wasm --exact a::two");
  assert.deepEqual(retried, ["a::two"]);
});

test("a failure again, three failures, a run that never finished, or the 100 MB test failing alone fail the stage", () => {
  for (const mode of ["again", "three", "hung", "alone"]) {
    assert.equal(run(mode).rc, 1, mode);
  }
  // Neither three failures nor a hung run are retried.
  assert.deepEqual(run("three").calls.length, 1);
  assert.deepEqual(run("hung").calls.length, 1);
});
