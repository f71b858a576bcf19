// Unit tests of theme_overrides/assets/javascripts/selfeval-core.js, run by tests/test_selfeval_core.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const source = fs.readFileSync(path.join(__dirname, "..", "theme_overrides", "assets", "javascripts", "selfeval-core.js"), "utf8");
const sandbox = {};
vm.runInNewContext(source, sandbox);
const core = sandbox.KbSelfEvalCore;

test("a code carries every strand's level and reads back the same", () => {
  const values = [1, 0, 0, 0, 0, 2, 4, 3, 0, 0, 0, 4];
  const code = core.encodeCode(values, 4, "abc123def0");
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
  assert.deepEqual(Array.from(core.decodeCode(code, 12, 4, "abc123def0")), values);
  assert.deepEqual(Array.from(core.decodeCode(code.toLowerCase().replace(/-/g, " "), 12, 4, "abc123def0")), values);
});

test("every single-symbol typo and every other version is refused", () => {
  const values = [1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2];
  const code = core.encodeCode(values, 4, "abc123def0");
  assert.match(core.decodeCode(code, 12, 4, "0000000000").message, /another framework/);
  let refused = 0, tried = 0;
  const symbols = code.replace(/-/g, "");
  for (let i = 0; i < symbols.length; i++) {
    for (const c of "0123456789ABCDEFGHJKMNPQRSTVWXYZ") {
      if (c === symbols[i]) continue;
      tried++;
      const result = core.decodeCode(symbols.slice(0, i) + c + symbols.slice(i + 1), 12, 4, "abc123def0");
      if (!Array.isArray(result)) refused++;
    }
  }
  assert.ok(refused / tried > 0.99, `${refused} of ${tried}`);
  assert.match(core.decodeCode(symbols.slice(1), 12, 4, "abc123def0").message, /should have 10/);
  assert.match(core.decodeCode(symbols.slice(0, 9) + "U", 12, 4, "abc123def0").message, /character/);
});

test("look-alike letters read as the digits they resemble", () => {
  const code = core.encodeCode([0, 0, 0, 0, 0, 0, 0, 0], 2, "v");
  assert.deepEqual(Array.from(core.decodeCode(code.replace(/0/g, "O").replace(/1/g, "l"), 8, 2, "v")), [0, 0, 0, 0, 0, 0, 0, 0]);
});

test("large frameworks: sixty strands on a two-level scale, eight levels", () => {
  const sixty = Array.from({ length: 60 }, (_, i) => i % 3);
  assert.deepEqual(Array.from(core.decodeCode(core.encodeCode(sixty, 2, "x"), 60, 2, "x")), sixty);
  const eight = [8, 0, 1, 5, 7, 8];
  assert.deepEqual(Array.from(core.decodeCode(core.encodeCode(eight, 8, "y"), 6, 8, "y")), eight);
});

test("codes pasted several to a line or with names", () => {
  assert.deepEqual(JSON.parse(JSON.stringify(core.splitCodes("Ana: AB12-CD\nEF34, GH56 ;\n\n Ben Li : ZZ"))), [
    { name: "Ana", code: "AB12-CD" },
    { name: "", code: "EF34" },
    { name: "", code: "GH56" },
    { name: "Ben Li", code: "ZZ" },
  ]);
});

test("the typical level is the median, both middle levels when they differ", () => {
  assert.equal(core.typical([]), null);
  assert.deepEqual({ ...core.typical([2]) }, { low: 2, high: 2 });
  assert.deepEqual({ ...core.typical([0, 2]) }, { low: 0, high: 2 });
  assert.deepEqual({ ...core.typical([3, 0, 1]) }, { low: 1, high: 1 });
  assert.deepEqual({ ...core.typical([1, 1, 3, 0]) }, { low: 1, high: 1 });
});

test("the spread of a show of hands, and strands ordered widest first", () => {
  assert.equal(core.spread([0, 0, 0]), null);
  assert.deepEqual({ ...core.spread([0, 3, 0, 2]) }, { min: 1, max: 3, levels: 2, total: 5 });
  const spreads = { a: core.spread([1, 1, 0]), b: null, c: core.spread([1, 0, 4]), d: core.spread([0, 5, 0]) };
  assert.deepEqual(Array.from(core.orderBySpread(["a", "b", "c", "d"], (id) => spreads[id])), ["c", "a", "d", "b"]);
});
