// The embeddable module's npm package (pkg/cpor-desk-validate-<version>.tgz,
// packed by scripts/build-embed): what the tarball holds, its package.json,
// and a Node project that installs it and imports it by its name.
// (tests/e2e/embed_package.test.mjs: a Vite project and the element.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONTOSO } from "../e2e/app.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const version = /^version = "([^"]+)"/m.exec(readFileSync(join(repo, "Cargo.toml"), "utf8"))[1];
const TARBALL = join(repo, "pkg", `cpor-desk-validate-${version}.tgz`);

test("the tarball holds the module, its types, the element and the README; package.json says how to load them", () => {
  assert.ok(existsSync(TARBALL), `${TARBALL}: run scripts/build-embed first`);
  const files = execFileSync("tar", ["-tzf", TARBALL], { encoding: "utf8" }).trim().split("\n").sort();
  assert.deepEqual(files, [
    "package/README.md",
    "package/cpor-tenant-check.js",
    "package/cpor_validate.d.ts",
    "package/cpor_validate.js",
    "package/cpor_validate_bg.wasm",
    "package/cpor_validate_bg.wasm.d.ts",
    "package/package.json",
  ]);
  const manifest = JSON.parse(readFileSync(join(repo, "pkg", "package.json"), "utf8"));
  assert.equal(manifest.name, "cpor-desk-validate");
  assert.equal(manifest.version, version, "the version of Cargo.toml");
  assert.equal(manifest.type, "module");
  assert.equal(manifest.types, "./cpor_validate.d.ts");
  assert.deepEqual(manifest.exports["."], { types: "./cpor_validate.d.ts", default: "./cpor_validate.js" });
  assert.equal(manifest.exports["./element"], "./cpor-tenant-check.js");
  assert.deepEqual(manifest.sideEffects, ["./cpor-tenant-check.js"]);
  for (const f of manifest.files) assert.ok(files.includes(`package/${f}`), f);
});

test("a Node project installs the tarball and imports the module by its name", () => {
  const dir = mkdtempSync(join(tmpdir(), "cpor-npm-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "portal", private: true, type: "module" }));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", TARBALL], { cwd: dir, stdio: "pipe" });
    assert.ok(readdirSync(join(dir, "node_modules")).includes("cpor-desk-validate"));
    writeFileSync(
      join(dir, "main.js"),
      `import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { initSync, canonicalGuid, checkTenantDomain } from "cpor-desk-validate";
initSync({ module: readFileSync(fileURLToPath(import.meta.resolve("cpor-desk-validate/cpor_validate_bg.wasm"))) });
console.log(JSON.stringify([canonicalGuid("{${CONTOSO.toUpperCase()}}"), checkTenantDomain("contoso.com", "${CONTOSO}")]));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["main.js"], { cwd: dir, encoding: "utf8" }));
    assert.deepEqual(out, [CONTOSO, []]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
