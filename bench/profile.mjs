// Where a CPU profile's time went, with the app's wasm functions named.
//
//   node bench/profile.mjs PROFILE.cpuprofile [NAMES.wasm] [--under NAME]
//        [--keys KEYS.json [--slowest K]] [--top N]
//
// PROFILE: a profile written by the sync bench (CPOR_BENCH_PROFILE) or
// saved from DevTools. NAMES.wasm: the main module with its name section
// (`CPOR_APP_NAMES=1 scripts/build-app` writes target/app-names.wasm); it
// must come from the same build as the profiled dist/. --under NAME: only
// the samples whose stack holds a function of that name (e.g.
// cporBenchKeystroke, the sync bench's keystroke). --keys: only the
// samples within the K slowest keystrokes (default 5) from input to frame,
// whatever ran then (the keystroke's events, effects and paint, and any
// other task that held its frame back); KEYS.json is what the sync bench
// writes beside its profile. Prints the total, then
// the functions by self time and by total (inclusive) time.
import { readFileSync } from "node:fs";
import { leb } from "../scripts/split-app.mjs";

function wasmNames(file) {
  const mod = new WebAssembly.Module(readFileSync(file));
  const sec = WebAssembly.Module.customSections(mod, "name")[0];
  const names = new Map();
  if (!sec) return names;
  const b = new Uint8Array(sec);
  let p = 0;
  const next = () => {
    const [value, after] = leb(b, p);
    p = after;
    return value;
  };
  // Subsections: id, size; the function names (id 1) are a count, then
  // (index, name) pairs.
  while (p < b.length) {
    const id = b[p++];
    const size = next();
    const end = p + size;
    if (id === 1) {
      const n = next();
      for (let i = 0; i < n; i++) {
        const idx = next();
        const len = next();
        names.set(idx, new TextDecoder().decode(b.subarray(p, p + len)));
        p += len;
      }
    }
    p = end;
  }
  return names;
}

const args = process.argv.slice(2);
const option = (flag) => {
  const i = args.indexOf(flag);
  if (i < 0) return null;
  const [, value] = args.splice(i, 2);
  return value;
};
const under = option("--under");
const keysFile = option("--keys");
const slowest = Number(option("--slowest") ?? 5);
const top = Number(option("--top") ?? 30);
const [profileFile, namesFile] = args;
if (!profileFile) {
  console.error("usage: node bench/profile.mjs PROFILE.cpuprofile [NAMES.wasm] [--under NAME] [--top N]");
  process.exit(2);
}
const names = namesFile ? wasmNames(namesFile) : new Map();
const profile = JSON.parse(readFileSync(profileFile, "utf8"));

// V8 names a wasm function without a name section `$func123` (or
// `wasm-function[123]`); demangled Rust names lose their hash suffix.
const label = (frame) => {
  const m = /^(?:\$func|wasm-function\[)(\d+)\]?$/.exec(frame.functionName);
  let name = frame.functionName || "(anonymous)";
  if (m && names.has(Number(m[1]))) name = names.get(Number(m[1]));
  return name.replace(/::h[0-9a-f]{16}$/, "");
};

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stackOf = (id) => {
  const stack = [];
  for (let at = id; at !== undefined; at = parent.get(at)) stack.push(label(nodes.get(at).callFrame));
  return stack;
};

// The sample times (µs, the profile's clock) and, with --keys, the
// windows of the slowest keystrokes on that clock. The page's clock
// (performance.now) is matched to the profile's by the keystrokes' own
// samples (cporBenchKeystroke, the bench's dispatch of each input event).
const times = [];
for (let i = 0, t = profile.startTime; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  times.push(t);
}
let windows = null;
if (keysFile) {
  const keys = JSON.parse(readFileSync(keysFile, "utf8"));
  const dispatches = times.filter((_, i) => stackOf(profile.samples[i]).includes("cporBenchKeystroke"));
  if (!dispatches.length) throw new Error("no sample of cporBenchKeystroke: cannot match the clocks");
  const hits = (offset) =>
    dispatches.filter((s) => keys.some((k) => s - offset >= k.start * 1000 && s - offset <= k.start * 1000 + 3000)).length;
  let offset = 0;
  let best = -1;
  for (const s of dispatches) {
    for (const k of keys) {
      const candidate = s - k.start * 1000 - 100;
      const n = hits(candidate);
      if (n > best) [best, offset] = [n, candidate];
    }
  }
  console.log(`clocks matched by ${best} of ${dispatches.length} keystroke samples`);
  windows = [...keys]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, slowest)
    .map((k) => {
      console.log(`keystroke ${JSON.stringify(k.text)}: ${k.ms.toFixed(1)} ms`);
      return [k.start * 1000 + offset, (k.start + k.ms) * 1000 + offset];
    });
}

const self = new Map();
const total = new Map();
let counted = 0;
let all = 0;
const { samples, timeDeltas } = profile;
for (let i = 0; i < samples.length; i++) {
  const dt = (timeDeltas[i + 1] ?? 0) / 1000;
  all += dt;
  if (windows && !windows.some(([from, to]) => times[i] >= from && times[i] <= to)) continue;
  const stack = stackOf(samples[i]);
  if (under && !stack.includes(under)) continue;
  counted += dt;
  self.set(stack[0], (self.get(stack[0]) ?? 0) + dt);
  for (const name of new Set(stack)) total.set(name, (total.get(name) ?? 0) + dt);
}
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / counted).toFixed(1).padStart(5)} %  ${name.slice(0, 160)}`);
  }
};
console.log(`profile: ${all.toFixed(0)} ms sampled, ${counted.toFixed(0)} ms counted${under ? ` (under ${under})` : ""}${windows ? ` (in the ${windows.length} slowest keystrokes)` : ""}`);
show("by self time", self);
show("by total time (the function and what it called)", total);
