// Writes pkg/package.json and pkg/README.md for the npm package of the
// embeddable module (run by scripts/build-embed after wasm-bindgen), with
// the version of Cargo.toml. The element is the only file with a side
// effect (it defines <cpor-tenant-check>).
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";

const [pkgDir = "pkg"] = process.argv.slice(2);
const cargo = readFileSync("Cargo.toml", "utf8");
const version = /^version = "([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error("no version in Cargo.toml");
const license = /^license = "([^"]+)"/m.exec(cargo)?.[1] ?? "MIT";

const manifest = {
  name: "cpor-desk-validate",
  version,
  description: "CPOR Desk's validation rules for Claiming Partner of Record claims (WebAssembly), and a drop-in <cpor-tenant-check> form element.",
  license,
  type: "module",
  main: "./cpor_validate.js",
  module: "./cpor_validate.js",
  types: "./cpor_validate.d.ts",
  exports: {
    ".": { types: "./cpor_validate.d.ts", default: "./cpor_validate.js" },
    "./element": "./cpor-tenant-check.js",
    "./cpor_validate_bg.wasm": "./cpor_validate_bg.wasm",
    "./package.json": "./package.json",
  },
  files: ["cpor_validate.js", "cpor_validate.d.ts", "cpor_validate_bg.wasm", "cpor_validate_bg.wasm.d.ts", "cpor-tenant-check.js", "README.md"],
  sideEffects: ["./cpor-tenant-check.js"],
  keywords: ["cpor", "partner-center", "validation", "webassembly"],
};
writeFileSync(`${pkgDir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync("embed/README.md", `${pkgDir}/README.md`);
copyFileSync("embed/cpor-tenant-check.js", `${pkgDir}/cpor-tenant-check.js`);
console.log(`build-embed: pkg/package.json (cpor-desk-validate ${version}), README.md, cpor-tenant-check.js`);
