// Runs a wasm-bindgen-test binary in Firefox ESR without geckodriver: cargo's
// runner for wasm32 in the `test-browser-firefox` stage of scripts/test,
//
//   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="node $PWD/tests/engines/wasm_test_firefox.mjs" \
//     cargo test --target wasm32-unknown-unknown --all-features --test browser [filter]
//
// wasm-bindgen-test-runner drives a browser only through a classic WebDriver
// (geckodriver for Firefox, which Debian does not package and `cargo
// install` builds in minutes of CPU). Firefox has WebDriver BiDi built in,
// so this starts the runner in its server mode (NO_HEADLESS=1: it serves
// the tests' page and waits), opens that page in headless Firefox with
// puppeteer-core over BiDi, and reads the page's output as the runner's
// headless mode does: the result is the page's "test result: ok" line.
import { spawn } from "node:child_process";
import { freePort, FIREFOX, until } from "./driver.mjs";

const [wasm, ...rest] = process.argv.slice(2);
if (!wasm) {
  console.error("usage: node tests/engines/wasm_test_firefox.mjs <test.wasm> [test args]");
  process.exit(2);
}
// The whole binary's limit (each test has WASM_BINDGEN_TEST_TIMEOUT inside the page).
const LIMIT_MS = Number(process.env.CPOR_ENGINE_TEST_LIMIT_S ?? 1200) * 1000;

const port = await freePort();
const runner = spawn("wasm-bindgen-test-runner", [wasm, ...rest], {
  env: { ...process.env, NO_HEADLESS: "1", WASM_BINDGEN_TEST_ADDRESS: `127.0.0.1:${port}` },
  stdio: ["ignore", "pipe", "inherit"],
});
let runnerOut = "";
runner.stdout.on("data", (d) => (runnerOut += d));
const runnerExit = new Promise((ok) => runner.on("exit", (code) => ok(code)));

let browser;
let code = 1;
try {
  const url = await Promise.race([
    until(() => /now available at (http:\/\/\S+)/.exec(runnerOut)?.[1], "wasm-bindgen-test-runner's server", 300_000),
    runnerExit.then((c) => {
      throw new Error(`wasm-bindgen-test-runner exited (${c}) before serving the tests:\n${runnerOut}`);
    }),
  ]);
  const { default: puppeteer } = await import("puppeteer-core");
  browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true, protocol: "webDriverBiDi" });
  console.log(`Running the tests in ${await browser.version()} (WebDriver BiDi) on ${url}`);
  const page = await browser.newPage();
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(url);
  // Stream the page's output as it grows, until its summary line.
  let shown = 0;
  let output = "";
  await until(
    async () => {
      output = await page.evaluate(() => document.getElementById("output")?.textContent ?? "");
      if (output.length > shown) {
        process.stdout.write(output.slice(shown));
        shown = output.length;
      }
      return /test result: /.test(output);
    },
    "the tests' summary line",
    LIMIT_MS,
  );
  process.stdout.write("\n");
  code = /test result: ok/.test(output) ? 0 : 1;
  if (code !== 0) console.log(`console output:\n${consoleLines.map((l) => `    ${l}`).join("\n")}`);
} catch (e) {
  console.error(`wasm_test_firefox: ${e.message}`);
} finally {
  await browser?.close().catch(() => {});
  runner.kill("SIGTERM");
}
process.exit(code);
