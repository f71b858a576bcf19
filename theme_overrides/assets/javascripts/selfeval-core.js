// The self-evaluation tool's arithmetic, apart from the page: short rating codes,
// the typical level, the spread of a show of hands. Pure functions, tested with
// `node --test` (tests/selfeval-core.test.cjs); selfeval.js uses them.
(function (root) {
  "use strict";
  // Crockford's base 32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var CHECK_SYMBOLS = 2;

  function bitsPerStrand(levelCount) {
    return Math.ceil(Math.log2(levelCount + 1));
  }

  // FNV-1a, 32 bits: a checksum, not a secret.
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  function checkSymbols(version, payload) {
    var h = hash("kb1|" + version + "|" + payload) % (1 << (5 * CHECK_SYMBOLS));
    return ALPHABET[h >> 5] + ALPHABET[h & 31];
  }

  function group(symbols) {
    return symbols.match(/.{1,4}/g).join("-");
  }

  // values: one number per strand, 0 for not rated, else 1 + the level's index.
  function encodeCode(values, levelCount, version) {
    var width = bitsPerStrand(levelCount);
    var bits = values.map(function (v) { return (v + Math.pow(2, width)).toString(2).slice(1); }).join("");
    while (bits.length % 5) bits += "0";
    var payload = "";
    for (var i = 0; i < bits.length; i += 5) payload += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
    return group(payload + checkSymbols(version, payload));
  }

  function normalise(code) {
    return String(code).toUpperCase().replace(/[\s-]+/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  }

  // The values a code carries, or an Error that says what is wrong with it.
  function decodeCode(code, strandCount, levelCount, version) {
    var width = bitsPerStrand(levelCount);
    var symbols = normalise(code);
    var length = Math.ceil((strandCount * width) / 5);
    if (!/^[0-9A-Z]*$/.test(symbols) || /U/.test(symbols)) return new Error("it has a character that no code uses");
    if (symbols.length !== length + CHECK_SYMBOLS) return new Error("it should have " + (length + CHECK_SYMBOLS) + " letters and digits, not " + symbols.length);
    var payload = symbols.slice(0, length);
    if (symbols.slice(length) !== checkSymbols(version, payload)) return new Error("it has a typo, or was made for another framework or version of it");
    var bits = payload.split("").map(function (c) { return (ALPHABET.indexOf(c) + 32).toString(2).slice(1); }).join("");
    var values = [];
    for (var i = 0; i < strandCount; i++) values.push(parseInt(bits.slice(i * width, (i + 1) * width), 2));
    if (values.some(function (v) { return v > levelCount; })) return new Error("it has a level this framework does not have");
    return values;
  }

  // Lines of codes, each optionally "Name: code"; codes may also be separated by commas or semicolons.
  function splitCodes(text) {
    var found = [];
    String(text).split(/[\n;,]+/).forEach(function (line) {
      var match = /^\s*(?:([^:]*\S)\s*:)?\s*([0-9A-Za-z][0-9A-Za-z\s-]*)\s*$/.exec(line);
      if (line.trim() && match) found.push({ name: match[1] || "", code: match[2].trim() });
      else if (line.trim()) found.push({ name: "", code: line.trim() });
    });
    return found;
  }

  // The middle of some level indices: {low, high}, equal unless an even count has two different middle ratings.
  function typical(indices) {
    if (!indices.length) return null;
    var sorted = indices.slice().sort(function (a, b) { return a - b; });
    return { low: sorted[Math.floor((sorted.length - 1) / 2)], high: sorted[Math.floor(sorted.length / 2)] };
  }

  // How far apart a show of hands is: counts holds one count per level.
  function spread(counts) {
    var used = [];
    counts.forEach(function (n, i) { if (n > 0) used.push(i); });
    if (!used.length) return null;
    var total = counts.reduce(function (a, b) { return a + b; }, 0);
    return { min: used[0], max: used[used.length - 1], levels: used[used.length - 1] - used[0], total: total };
  }

  // Strand ids, widest spread first; ties and strands without counts keep their order.
  function orderBySpread(ids, spreadOf) {
    return ids.map(function (id, i) { return { id: id, i: i, s: spreadOf(id) }; }).sort(function (a, b) {
      var sa = a.s ? a.s.levels : -1, sb = b.s ? b.s.levels : -1;
      return sb - sa || a.i - b.i;
    }).map(function (x) { return x.id; });
  }

  root.KbSelfEvalCore = {
    encodeCode: encodeCode,
    decodeCode: decodeCode,
    splitCodes: splitCodes,
    typical: typical,
    spread: spread,
    orderBySpread: orderBySpread,
  };
})(typeof window !== "undefined" ? window : globalThis);
