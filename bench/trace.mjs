// Where the slowest keystrokes of the sync bench went, from a Chromium
// trace: per keystroke (input event → the frame after it), the busiest
// threads with their wall and CPU time, and the page's own main-thread
// work (script, style, layout, paint).
//
//   CPOR_BENCH_TRACE=t.json node bench/run.mjs 1 --sync-only   (writes t.json, t.json.keys.json)
//   node bench/trace.mjs t.json [K]                             (the K slowest, default 3)
//
// A thread's CPU time well under its wall time means it was runnable but
// waiting for a core: on 2 cores, the page's main thread shares them
// with the sync worker, the browser's IndexedDB work, the compositor and
// the local test server.
import { readFileSync } from "node:fs";

const [file, k] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/trace.mjs TRACE.json [K]");
  process.exit(2);
}
const slowest = Number(k ?? 3);
const events = JSON.parse(readFileSync(file, "utf8")).traceEvents;
const keys = JSON.parse(readFileSync(`${file}.keys.json`, "utf8"));

const names = new Map();
for (const e of events) {
  if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}/${e.tid}`, e.args.name);
  if (e.ph === "M" && e.name === "process_name") names.set(`${e.pid}`, e.args.name);
}
// The bench's keystrokes are the page's only `input` events, in order.
const inputs = events.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "input").sort((a, b) => a.ts - b.ts);
if (inputs.length !== keys.length) {
  console.error(`trace: ${inputs.length} input events in the trace, ${keys.length} keystrokes in ${file}.keys.json`);
  process.exit(1);
}
const { pid, tid } = inputs[0];
const complete = events.filter((e) => e.ph === "X" && e.dur !== undefined);

/** The part of event `e` (µs) inside [t0, t1), in ms. */
const within = (e, t0, t1) => Math.max(0, Math.min(e.ts + e.dur, t1) - Math.max(e.ts, t0)) / 1000;

const order = keys
  .map((key, i) => ({ key, i }))
  .sort((a, b) => b.key.ms - a.key.ms)
  .slice(0, slowest);
for (const { key, i } of order) {
  const t0 = inputs[i].ts;
  const t1 = t0 + key.ms * 1000;
  console.log(`\nkeystroke ${JSON.stringify(key.text)}: ${key.ms.toFixed(1)} ms`);
  // Threads: their tasks' wall time and CPU time in the window.
  const wall = new Map();
  const cpu = new Map();
  for (const e of complete) {
    if (e.name !== "RunTask" && e.name !== "ThreadControllerImpl::RunTask" && e.name !== "ThreadPool_RunTask") continue;
    const part = within(e, t0, t1);
    if (!part) continue;
    const thread = `${names.get(String(e.pid)) ?? e.pid} ${names.get(`${e.pid}/${e.tid}`) ?? e.tid}${e.pid === pid && e.tid === tid ? " (the page)" : ""}`;
    wall.set(thread, (wall.get(thread) ?? 0) + part);
    if (e.tdur !== undefined) cpu.set(thread, (cpu.get(thread) ?? 0) + (e.tdur / e.dur) * part);
  }
  console.log("  threads (wall ms, CPU ms):");
  for (const [thread, ms] of [...wall].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
    console.log(`    ${ms.toFixed(1).padStart(6)} ${(cpu.get(thread) ?? NaN).toFixed(1).padStart(6)}  ${thread}`);
  }
  // The page's main thread by kind of work (nested events are not
  // counted twice: each kind sums its outermost events).
  const kinds = {
    script: ["FunctionCall", "TimerFire", "EventDispatch", "FireAnimationFrame", "RunMicrotasks", "v8.callFunction"],
    style: ["UpdateLayoutTree"],
    layout: ["Layout"],
    paint: ["PrePaint", "Paint", "Layerize", "PaintImage"],
  };
  const main = complete.filter((e) => e.pid === pid && e.tid === tid && within(e, t0, t1));
  const parts = [];
  for (const [kind, list] of Object.entries(kinds)) {
    const mine = main.filter((e) => list.includes(e.name));
    const outer = mine.filter((e) => !mine.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && (o.ts < e.ts || o.dur > e.dur)));
    const ms = outer.reduce((a, e) => a + within(e, t0, t1), 0);
    const cpuMs = outer.reduce((a, e) => a + (e.tdur !== undefined ? (e.tdur / e.dur) * within(e, t0, t1) : 0), 0);
    parts.push(`${kind} ${ms.toFixed(1)} (CPU ${cpuMs.toFixed(1)})`);
  }
  console.log(`  the page's main thread, wall ms: ${parts.join(", ")}`);
}
