// The self-evaluation tool on framework pages: rate each strand, save in this browser only, share
// ratings as a short code (and a QR code of a link), compare a group, present the framework to a
// room (agreed levels, show-of-hands counts, notes), export and import files, print a record or a
// blank form. Plain JavaScript; nothing is sent anywhere. Arithmetic is in selfeval-core.js.
(function () {
  "use strict";
  var root = document.querySelector("[data-kb-selfeval]");
  if (!root || !window.KbSelfEvalCore) return;
  var core = window.KbSelfEvalCore;
  var tool = JSON.parse(document.getElementById("kb-selfeval-data").textContent);
  var links = JSON.parse(document.getElementById("kb-selfeval-links").textContent);
  var FORMAT = "kb-self-evaluation";
  var storageKey = "kb-selfeval:" + tool.framework + ":" + tool.version;
  var roomKey = "kb-selfeval-room:" + tool.framework + ":" + tool.version;
  var openKey = "kb-selfeval-room-open:" + tool.framework;
  var levelIndex = {};
  tool.levels.forEach(function (level, i) { levelIndex[level.id] = i; });
  var strands = [];
  tool.dimensions.forEach(function (d) {
    d.strands.forEach(function (s) { strands.push({ id: s.id, name: s.name, discussion: s.discussion, dimension: d }); });
  });
  var rated = strands.filter(function (s) { return !s.discussion; });
  var discussed = strands.filter(function (s) { return s.discussion; });
  var strandById = {};
  strands.forEach(function (s) { strandById[s.id] = s; });

  var form = document.getElementById("kb-rating-form");
  var nameInput = document.getElementById("kb-rater-name");
  var dialog = document.getElementById("kb-room");
  var drawer = document.getElementById("kb-room-drawer");
  var room = loadRoom();   // the group's state: people added, agreed levels, show of hands, agreed notes

  // ---- Small helpers --------------------------------------------------------

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function label(levelId) {
    return levelId ? tool.levels[levelIndex[levelId]].label : "Not rated";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function pageAddress() {
    return location.href.split("#")[0].split("?")[0];
  }

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }

  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or blocked: works for this visit */ }
  }

  // ---- Saving ---------------------------------------------------------------

  // Keep only ratings of strands and levels this framework has (no level for a discussion-only strand).
  function clean(ratings) {
    var result = {};
    Object.keys(ratings || {}).forEach(function (id) {
      var r = ratings[id] || {};
      if (!strandById.hasOwnProperty(id)) return;
      var level = levelIndex.hasOwnProperty(r.level) && !strandById[id].discussion ? r.level : null;
      var note = typeof r.note === "string" ? r.note : "";
      if (level || note) result[id] = { level: level, note: note };
    });
    return result;
  }

  function cleanHands(hands) {
    var result = {};
    Object.keys(hands || {}).forEach(function (id) {
      if (!strandById.hasOwnProperty(id) || strandById[id].discussion) return;
      tool.levels.forEach(function (level) {
        var n = Math.floor(Number((hands[id] || {})[level.id]));
        if (n > 0 && n < 1000) (result[id] = result[id] || {})[level.id] = n;
      });
    });
    return result;
  }

  function loadRoom() {
    var saved = read(roomKey);
    var agreed = {}, notes = {}, ratings = clean(saved.agreed);
    Object.keys(ratings).forEach(function (id) {
      var r = ratings[id];
      if (r.level) agreed[id] = r.level;
      if (r.note) notes[id] = r.note;
    });
    var people = (Array.isArray(saved.people) ? saved.people : []).map(function (p) {
      return { name: typeof p.name === "string" ? p.name : "", code: typeof p.code === "string" ? p.code : "", ratings: clean(p.ratings) };
    });
    return { agreed: agreed, notes: notes, hands: cleanHands(saved.hands), people: people };
  }

  function saveRoom() {
    write(roomKey, { agreed: agreedRatings(), hands: room.hands, people: room.people });
  }

  function current() {
    var ratings = {};
    strands.forEach(function (s) {
      var checked = form.querySelector('input[name="rating-' + s.id + '"]:checked');
      var note = form.querySelector('[data-note="' + s.id + '"]').value;
      if (checked || note) ratings[s.id] = { level: checked ? checked.value : null, note: note };
    });
    return ratings;
  }

  function save() {
    write(storageKey, { name: nameInput.value, ratings: current() });
  }

  function restore() {
    var saved = read(storageKey);
    var ratings = clean(saved.ratings);
    nameInput.value = typeof saved.name === "string" ? saved.name : "";
    Object.keys(ratings).forEach(function (id) {
      var r = ratings[id];
      if (r.level) form.querySelector('input[name="rating-' + id + '"][value="' + r.level + '"]').checked = true;
      form.querySelector('[data-note="' + id + '"]').value = r.note;
    });
  }

  // ---- My summary, what next, code -----------------------------------------

  function typicalText(indices, none) {
    var t = core.typical(indices);
    if (!t) return none || "Not rated";
    return t.low === t.high ? tool.levels[t.low].label : "Between " + tool.levels[t.low].label + " and " + tool.levels[t.high].label;
  }

  function spreadText(indices) {
    if (!indices.length) return "";
    var min = Math.min.apply(null, indices), max = Math.max.apply(null, indices);
    return min === max ? "All " + tool.levels[min].label : tool.levels[min].label + " to " + tool.levels[max].label;
  }

  function levelsOf(ratings, list) {
    return list.filter(function (s) { return ratings[s.id] && ratings[s.id].level; })
      .map(function (s) { return levelIndex[ratings[s.id].level]; });
  }

  function render() {
    var ratings = current();
    var done = rated.filter(function (s) { return ratings[s.id] && ratings[s.id].level; });
    document.getElementById("kb-progress-bar").value = done.length;
    var noted = discussed.filter(function (s) { return ratings[s.id] && ratings[s.id].note; }).length;
    document.getElementById("kb-progress-text").textContent = done.length + " of " + rated.length + " strands rated" +
      (discussed.length ? "; notes on " + noted + " of " + discussed.length + " discussion strands" : "");
    renderSummary(ratings);
    renderNext(ratings, done);
    renderCode(ratings);
    renderRecord("mine");
  }

  function renderSummary(ratings) {
    var body = document.getElementById("kb-summary-body");
    var brief = [];
    body.textContent = "";
    tool.dimensions.forEach(function (d) {
      var own = rated.filter(function (s) { return s.dimension === d; });
      var levels = levelsOf(ratings, own);
      var row = el("tr");
      row.appendChild(el("th", d.name, { scope: "row" }));
      row.appendChild(el("td", own.length ? levels.length + " of " + own.length : "Discussion only", { "data-label": "Strands rated" }));
      row.appendChild(el("td", own.length ? typicalText(levels) : "", { "data-label": "Typical level" }));
      row.appendChild(el("td", spreadText(levels), { "data-label": "Spread" }));
      var lowest = own.filter(function (s) { return ratings[s.id] && ratings[s.id].level; })
        .sort(function (a, b) { return levelIndex[ratings[a.id].level] - levelIndex[ratings[b.id].level]; })[0];
      row.appendChild(el("td", lowest ? lowest.name + " (" + label(ratings[lowest.id].level) + ")" : "", { "data-label": "Lowest-rated strand" }));
      body.appendChild(row);
      if (own.length) brief.push(d.name + ": " + typicalText(levels));
    });
    document.getElementById("kb-bar-summary").textContent = brief.join(" · ");
  }

  // The lowest-rated strands' pages, grouped by kind of page, each with the strands it helps.
  function renderNext(ratings, done) {
    var next = document.getElementById("kb-next");
    next.textContent = "";
    var low = done.slice().sort(function (a, b) {
      return levelIndex[ratings[a.id].level] - levelIndex[ratings[b.id].level] || strands.indexOf(a) - strands.indexOf(b);
    }).slice(0, 3);
    if (!low.length) { next.appendChild(el("p", "Rate some strands to see pages that can help with the lowest.")); return; }
    next.appendChild(el("p", "Your lowest-rated strands: " + low.map(function (s) { return s.name + " (" + label(ratings[s.id].level) + ")"; }).join(", ") + ". Pages that can help move them on:"));
    [["recommendations", "Recommendations"], ["case_studies", "Case studies"]].forEach(function (kind) {
      var pages = {}, order = [];
      low.forEach(function (s) {
        (links[s.id][kind[0]] || []).forEach(function (page) {
          if (!pages[page.url]) { pages[page.url] = { page: page, helps: [] }; order.push(page.url); }
          pages[page.url].helps.push(s.name);
        });
      });
      if (!order.length) return;
      next.appendChild(el("h4", kind[1]));
      var list = el("ul");
      order.forEach(function (url) {
        var item = el("li"), page = pages[url].page;
        item.appendChild(el("a", page.title, { href: page.url }));
        if (page.evidence) {
          item.appendChild(document.createTextNode(" "));
          var badge = el("span", null, { class: "kb-badge kb-badge--" + page.evidence.level });
          badge.appendChild(el("span", page.evidence.label, { class: "kb-badge__label" }));
          item.appendChild(badge);
        }
        item.appendChild(el("span", " for " + pages[url].helps.join(" and "), { class: "kb-next__for" }));
        list.appendChild(item);
      });
      next.appendChild(list);
    });
    var bare = low.filter(function (s) { return !links[s.id].recommendations.length && !links[s.id].case_studies.length; });
    if (bare.length) next.appendChild(el("p", "No page is linked to " + bare.map(function (s) { return s.name; }).join(" or ") + " yet: discuss what would move it on."));
  }

  function codeOf(ratings) {
    return core.encodeCode(strands.map(function (s) {
      return ratings[s.id] && ratings[s.id].level ? levelIndex[ratings[s.id].level] + 1 : 0;
    }), tool.levels.length, tool.version);
  }

  function renderCode(ratings) {
    var code = codeOf(ratings);
    var output = document.getElementById("kb-my-code");
    if (output.textContent === code) return;
    output.textContent = code;
    var holder = document.getElementById("kb-my-qr");
    holder.textContent = "";
    if (window.qrcode) holder.appendChild(qrSvg(pageAddress() + "#room-code=" + code));
  }

  // A QR code as SVG (drawn with the DOM, no markup strings): one path, a quiet zone of four modules.
  function qrSvg(text) {
    var qr = window.qrcode(0, "M");
    qr.addData(text, "Byte");
    qr.make();
    var n = qr.getModuleCount(), d = "";
    for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) if (qr.isDark(r, c)) d += "M" + (c + 4) + " " + (r + 4) + "h1v1h-1z";
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + (n + 8) + " " + (n + 8));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code of a link that adds these ratings to a group view");
    svg.setAttribute("class", "kb-code__svg");
    svg.setAttribute("data-link", text);
    var background = document.createElementNS(ns, "rect");
    background.setAttribute("width", n + 8); background.setAttribute("height", n + 8); background.setAttribute("fill", "#fff");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d); path.setAttribute("fill", "#000");
    svg.appendChild(background); svg.appendChild(path);
    return svg;
  }

  // ---- The record -----------------------------------------------------------

  function handsText(id) {
    var counts = countsOf(id);
    var st = core.spread(counts);
    if (!st) return "";
    var parts = tool.levels.map(function (level, i) { return counts[i] ? level.label + " " + counts[i] : null; }).filter(Boolean);
    return parts.join(", ") + " (" + (st.levels ? "spread " + plural(st.levels, "level", "levels") : "all one level") + ")";
  }

  function renderRecord(which) {
    var agreedMode = which === "agreed";
    var ratings = agreedMode ? agreedRatings() : current();
    var who = agreedMode ? "Agreed rating of the group" : (nameInput.value ? "Ratings of " + nameInput.value : "My ratings");
    var extra = agreedMode && room.people.length ? " " + plural(room.people.length, "person's ratings", "people's ratings") + " added by code or file." : "";
    document.getElementById("kb-record-meta").textContent = who + ", " + today() + ". " + tool.title + ": " + pageAddress() + extra;
    document.getElementById("kb-record-hands").hidden = !agreedMode;
    var body = document.getElementById("kb-record-body");
    body.textContent = "";
    strands.forEach(function (s) {
      var r = ratings[s.id] || {};
      var row = el("tr");
      row.appendChild(el("td", s.dimension.name));
      row.appendChild(el("th", s.name, { scope: "row" }));
      row.appendChild(el("td", s.discussion ? "Discussion only" : label(r.level)));
      if (agreedMode) row.appendChild(el("td", handsText(s.id)));
      row.appendChild(el("td", r.note || ""));
      body.appendChild(row);
    });
  }

  // ---- Files: export and import --------------------------------------------

  function ratingFile(kind, ratings, name) {
    var doc = { format: FORMAT, format_version: 1, framework: tool.framework, framework_title: tool.title, version: tool.version, kind: kind, name: name || "", date: today(), ratings: ratings };
    if (kind === "agreed") doc.hands = room.hands;
    return doc;
  }

  function csvCell(value) {
    value = value === null || value === undefined ? "" : String(value);
    return /[",\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function toCsv(doc) {
    var head = ["framework", "version", "kind", "name", "date", "dimension", "strand_id", "strand", "level_id", "level", "note"];
    var hands = doc.kind === "agreed" ? tool.levels.map(function (level) { return "hands_" + level.id; }) : [];
    var lines = [head.concat(hands).join(",")];
    strands.forEach(function (s) {
      var r = doc.ratings[s.id] || {};
      var row = [doc.framework, doc.version, doc.kind, doc.name, doc.date, s.dimension.name, s.id, s.name, r.level || "", r.level ? label(r.level) : "", r.note || ""];
      hands.forEach(function (h) { row.push(((doc.hands || {})[s.id] || {})[h.slice(6)] || ""); });
      lines.push(row.map(csvCell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function download(filename, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", null, { href: url, download: filename });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function exportDoc(doc, ext) {
    var who = (doc.name || doc.kind).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || doc.kind;
    var filename = tool.framework + "-" + who + "-" + today() + "." + ext;
    if (ext === "json") download(filename, JSON.stringify(doc, null, 2) + "\n", "application/json");
    else download(filename, toCsv(doc), "text/csv");
  }

  function parseCsv(text) {
    var rows = [], row = [], cell = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(cell); cell = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(cell); rows.push(row); row = []; cell = "";
      } else cell += c;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    var head = rows.shift() || [];
    return rows.filter(function (r) { return r.length === head.length; }).map(function (r) {
      var obj = {};
      head.forEach(function (h, i) { obj[h] = r[i]; });
      return obj;
    });
  }

  function readDoc(name, text) {
    if (/\.csv$/i.test(name) || /^framework,/.test(text)) {
      var rows = parseCsv(text);
      if (!rows.length) throw new Error("no rows");
      var doc = ratingFile(rows[0].kind || "individual", {}, rows[0].name);
      doc.framework = rows[0].framework; doc.version = rows[0].version; doc.date = rows[0].date; doc.hands = {};
      rows.forEach(function (r) {
        doc.ratings[r.strand_id] = { level: r.level_id || null, note: r.note || "" };
        tool.levels.forEach(function (level) { if (r["hands_" + level.id]) (doc.hands[r.strand_id] = doc.hands[r.strand_id] || {})[level.id] = r["hands_" + level.id]; });
      });
      return doc;
    }
    var parsed = JSON.parse(text);
    if (!parsed || parsed.format !== FORMAT) throw new Error("not a rating file");
    return parsed;
  }

  function importFiles(files) {
    var messages = [], imported = [];
    var pending = files.length;
    Array.prototype.forEach.call(files, function (file, index) {
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var doc = readDoc(file.name, String(reader.result));
          if (doc.framework !== tool.framework) throw new Error("it is for another framework (" + doc.framework + ")");
          var ratings = clean(doc.ratings);
          var dropped = Object.keys(doc.ratings || {}).length - Object.keys(ratings).length;
          imported[index] = { doc: doc, ratings: ratings, name: doc.name || file.name.replace(/\.(json|csv)$/i, "") };
          var note = doc.version !== tool.version ? " (made with an earlier version of this framework" + (dropped ? "; " + plural(dropped, "rating no longer matches and was", "ratings no longer match and were") + " left out" : "") + ")" : "";
          messages[index] = "Imported " + file.name + note + ".";
        } catch (e) {
          messages[index] = "Could not import " + file.name + ": " + e.message + ".";
        }
        pending -= 1;
        if (!pending) {
          imported.forEach(function (item) { if (item) takeDoc(item); });
          groupChanged(messages.join(" "));
        }
      };
      reader.readAsText(file);
    });
  }

  // An agreed file restores the room's agreed levels, notes and counts; any other adds a person.
  function takeDoc(item) {
    if (item.doc.kind !== "agreed") { room.people.push({ name: item.name, code: "", ratings: item.ratings }); return; }
    Object.keys(item.ratings).forEach(function (id) {
      if (item.ratings[id].level) room.agreed[id] = item.ratings[id].level;
      if (item.ratings[id].note) room.notes[id] = item.ratings[id].note;
    });
    var hands = cleanHands(item.doc.hands);
    Object.keys(hands).forEach(function (id) { room.hands[id] = hands[id]; });
  }

  // ---- Codes ----------------------------------------------------------------

  function addCodes(text) {
    var messages = [], added = 0;
    core.splitCodes(text).forEach(function (entry) {
      var values = core.decodeCode(entry.code, strands.length, tool.levels.length, tool.version);
      if (!Array.isArray(values)) { messages.push("Could not add " + entry.code + ": " + values.message + "."); return; }
      var code = core.encodeCode(values, tool.levels.length, tool.version);
      if (room.people.some(function (p) { return p.code === code; })) { messages.push(code + " is already in the group."); return; }
      var ratings = {};
      values.forEach(function (v, i) { if (v) ratings[strands[i].id] = { level: tool.levels[v - 1].id, note: "" }; });
      room.people.push({ name: entry.name, code: code, ratings: clean(ratings) });
      added += 1;
    });
    if (added) messages.unshift("Added " + plural(added, "person", "people") + ".");
    return messages.join(" ");
  }

  function personName(person) {
    if (person.name) return person.name;
    return "Person " + (room.people.filter(function (p) { return !p.name; }).indexOf(person) + 1);
  }

  // ---- The group: people, counts, agreed levels ------------------------------

  function agreedRatings() {
    var ratings = {};
    strands.forEach(function (s) {
      var level = room.agreed[s.id], note = room.notes[s.id];
      if (level || note) ratings[s.id] = { level: level || null, note: note || "" };
    });
    return ratings;
  }

  // People per level for a strand: the show of hands plus everyone added by code or file.
  function countsOf(id) {
    return tool.levels.map(function (level) {
      var fromPeople = room.people.filter(function (p) { return p.ratings[id] && p.ratings[id].level === level.id; }).length;
      return ((room.hands[id] || {})[level.id] || 0) + fromPeople;
    });
  }

  function stats(strandId) {
    var levels = room.people.map(function (p) { var r = p.ratings[strandId]; return r && r.level ? levelIndex[r.level] : null; })
      .filter(function (v) { return v !== null; });
    if (!levels.length) return { count: 0, spread: -1, min: null, max: null };
    var min = Math.min.apply(null, levels), max = Math.max.apply(null, levels);
    return { count: levels.length, spread: max - min, min: min, max: max };
  }

  function groupChanged(message) {
    saveRoom();
    document.querySelectorAll("#kb-import-status, [data-group-status]").forEach(function (status) {
      status.textContent = (message ? message + " " : "") + plural(room.people.length, "person", "people") + " in the group view.";
    });
    renderGroup();
    renderRoom();
  }

  function renderGroup() {
    var group = document.getElementById("kb-group");
    group.hidden = room.people.length === 0 && !Object.keys(room.agreed).length;
    var head = document.getElementById("kb-group-head");
    var body = document.getElementById("kb-group-body");
    head.textContent = ""; body.textContent = "";
    var row = el("tr");
    row.appendChild(el("th", "Strand", { scope: "col" }));
    room.people.forEach(function (p) { row.appendChild(el("th", personName(p), { scope: "col" })); });
    ["Range", "Spread (levels apart)", "Agreed rating"].forEach(function (h) { row.appendChild(el("th", h, { scope: "col" })); });
    head.appendChild(row);
    var ordered = rated.slice().sort(function (a, b) { return stats(b.id).spread - stats(a.id).spread || strands.indexOf(a) - strands.indexOf(b); });
    ordered.forEach(function (s) {
      var st = stats(s.id);
      var tr = el("tr", null, { "data-strand": s.id, "data-spread": String(st.spread) });
      tr.appendChild(el("th", s.name, { scope: "row" }));
      room.people.forEach(function (p) { var r = p.ratings[s.id]; tr.appendChild(el("td", r && r.level ? label(r.level) : "–")); });
      tr.appendChild(el("td", st.count ? tool.levels[st.min].label + (st.spread ? " to " + tool.levels[st.max].label : "") : "–"));
      tr.appendChild(el("td", st.count ? String(st.spread) : "–"));
      var cell = el("td");
      var select = el("select", null, { "aria-label": "Agreed rating for " + s.name, "data-agreed": s.id });
      select.appendChild(el("option", "Not agreed yet", { value: "" }));
      tool.levels.forEach(function (level) { select.appendChild(el("option", level.label, { value: level.id })); });
      select.value = room.agreed[s.id] || "";
      cell.appendChild(select);
      tr.appendChild(cell);
      body.appendChild(tr);
    });
    var people = document.getElementById("kb-room-people");
    people.textContent = "";
    room.people.forEach(function (p, i) {
      var item = el("li", personName(p) + (p.code ? " (" + p.code + ")" : " (from a file)"));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("button", "Remove", { type: "button", class: "kb-linkish", "data-remove-person": String(i), "aria-label": "Remove " + personName(p) }));
      people.appendChild(item);
    });
  }

  function setAgreed(id, level) {
    if (level) room.agreed[id] = level; else delete room.agreed[id];
    saveRoom();
    document.querySelector('[data-agreed="' + id + '"]').value = level || "";
    document.getElementById("kb-group").hidden = room.people.length === 0 && !Object.keys(room.agreed).length;
    renderRoom();
  }

  // ---- The room view --------------------------------------------------------

  function renderRoom() {
    var counted = 0;
    rated.forEach(function (s) {
      dialog.querySelectorAll('input[data-agree="' + s.id + '"]').forEach(function (radio) { radio.checked = radio.value === room.agreed[s.id]; });
      var counts = countsOf(s.id), most = Math.max.apply(null, counts) || 1;
      var fromPeople = room.people.filter(function (p) { return p.ratings[s.id] && p.ratings[s.id].level; });
      tool.levels.forEach(function (level, i) {
        var cell = dialog.querySelector('[data-room-strand="' + s.id + '"] [data-level="' + level.id + '"]');
        var input = cell.querySelector("[data-hands]");
        var hands = (room.hands[s.id] || {})[level.id];
        if (input !== document.activeElement) input.value = hands ? String(hands) : "";
        cell.querySelector(".kb-room__meter > span").style.width = (100 * counts[i] / most) + "%";
        var byCode = fromPeople.filter(function (p) { return p.ratings[s.id].level === level.id; }).length;
        cell.querySelector("[data-codes-for]").textContent = byCode ? "+" + byCode + " by code" : "";
      });
      var st = core.spread(counts);
      if (st) counted += 1;
      dialog.querySelector('[data-spread-for="' + s.id + '"]').textContent = st ?
        plural(st.total, "person", "people") + ": " + (st.levels ? "spread " + plural(st.levels, "level", "levels") : "all one level") : "";
    });
    strands.forEach(function (s) {
      var button = dialog.querySelector('[data-note-for="' + s.id + '"]');
      var has = !!room.notes[s.id];
      button.textContent = has ? "Edit note" : "Note";
      button.setAttribute("aria-label", (has ? "Edit note on " : "Note on ") + s.name);
      var area = document.getElementById("room-note-" + s.id);
      if (area !== document.activeElement) area.value = room.notes[s.id] || "";
    });
    var agreed = rated.filter(function (s) { return room.agreed[s.id]; }).length;
    document.getElementById("kb-room-status").textContent = agreed + " of " + rated.length + " strands agreed · hands counted for " +
      counted + " · " + plural(room.people.length, "code", "codes") + " added";
    renderRoomSummary();
  }

  function renderRoomSummary() {
    var summary = document.getElementById("kb-room-summary");
    summary.textContent = "";
    tool.dimensions.forEach(function (d) {
      var own = rated.filter(function (s) { return s.dimension === d; });
      if (!own.length) return;
      var levels = own.filter(function (s) { return room.agreed[s.id]; }).map(function (s) { return levelIndex[room.agreed[s.id]]; });
      var part = el("span", null, { class: "kb-room__dim" });
      part.appendChild(el("strong", d.name + ": "));
      part.appendChild(document.createTextNode(typicalText(levels, "Not agreed yet") + " (" + levels.length + " of " + own.length + ")"));
      summary.appendChild(part);
    });
    var first = core.orderBySpread(rated.map(function (s) { return s.id; }), function (id) { return core.spread(countsOf(id)); })
      .filter(function (id) { var st = core.spread(countsOf(id)); return st && st.levels > 0; }).slice(0, 3);
    if (first.length) {
      var part = el("span", null, { class: "kb-room__dim" });
      part.appendChild(el("strong", "Discuss first: "));
      part.appendChild(document.createTextNode(first.map(function (id) { return strandById[id].name + " (" + core.spread(countsOf(id)).levels + ")"; }).join(", ")));
      summary.appendChild(part);
    }
  }

  var gridRows = null;   // the grid's children in framework order

  function orderRoom(bySpread) {
    var grid = document.getElementById("kb-room-grid");
    if (!gridRows) gridRows = Array.prototype.slice.call(grid.children);
    grid.classList.toggle("kb-room__grid--by-spread", bySpread);
    dialog.querySelector('[data-room="order"]').setAttribute("aria-pressed", String(bySpread));
    document.getElementById("kb-room-body").scrollTop = 0;
    if (!bySpread) { gridRows.forEach(function (node) { grid.appendChild(node); }); return; }
    var ids = core.orderBySpread(rated.map(function (s) { return s.id; }), function (id) { return core.spread(countsOf(id)); })
      .concat(discussed.map(function (s) { return s.id; }));
    ids.forEach(function (id) { grid.appendChild(grid.querySelector('[data-room-strand="' + id + '"]')); });
  }

  function openRoom() {
    if (!dialog.open) dialog.showModal();
    document.documentElement.setAttribute("data-kb-room", "");
    try { sessionStorage.setItem(openKey, "1"); } catch (e) { /* not remembered */ }
    renderRoom();
  }

  function openDrawer(panel, focusId) {
    drawer.hidden = false;
    drawer.querySelectorAll("[data-panel-name]").forEach(function (p) { p.hidden = p.getAttribute("data-panel-name") !== panel; });
    dialog.querySelectorAll('[data-room="drawer"]').forEach(function (b) { b.setAttribute("aria-expanded", String(b.getAttribute("data-panel") === panel)); });
    var target = focusId ? document.getElementById(focusId) : drawer.querySelector('[data-panel-name="' + panel + '"] textarea');
    target.focus();
  }

  function closeDrawer() {
    var open = dialog.querySelector('[data-room="drawer"][aria-expanded="true"]');
    drawer.hidden = true;
    dialog.querySelectorAll('[data-room="drawer"]').forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
    if (open) open.focus();
  }

  // ---- Printing -------------------------------------------------------------

  // The blank form prints on landscape sheets. A named page cannot do it here (Chromium starts the
  // document on an unnamed portrait page, then breaks), so while it prints every page is landscape.
  var landscape = null;

  function print(mode, which) {
    if (which) renderRecord(which);
    document.documentElement.setAttribute("data-kb-print", mode);
    if (mode === "blank" && !landscape) {
      var sheet = Array.prototype.find.call(document.styleSheets, function (s) { return /selfeval\.css/.test(s.href || ""); });
      if (sheet) landscape = sheet.cssRules[sheet.insertRule("@page { size: A4 landscape !important; margin: 1cm !important; }", sheet.cssRules.length)];
    }
    window.print();
  }
  window.addEventListener("afterprint", function () {
    document.documentElement.removeAttribute("data-kb-print");
    if (landscape) {
      var sheet = landscape.parentStyleSheet;
      sheet.deleteRule(Array.prototype.indexOf.call(sheet.cssRules, landscape));
      landscape = null;
    }
    renderRecord("mine");
  });

  // ---- Wiring ---------------------------------------------------------------

  function onAction(action) {
    if (action === "present") openRoom();
    if (action === "export-json") exportDoc(ratingFile("individual", current(), nameInput.value), "json");
    if (action === "export-csv") exportDoc(ratingFile("individual", current(), nameInput.value), "csv");
    if (action === "export-agreed-json") exportDoc(ratingFile("agreed", agreedRatings(), "agreed"), "json");
    if (action === "export-agreed-csv") exportDoc(ratingFile("agreed", agreedRatings(), "agreed"), "csv");
    if (action === "print-mine") print("record", "mine");
    if (action === "print-agreed") print("record", "agreed");
    if (action === "print-blank") print("blank");
    if (action === "copy-code") copyCode();
    if (action === "add-codes") {
      var fields = document.querySelectorAll("[data-codes]");
      var text = Array.prototype.map.call(fields, function (f) { return f.value; }).join("\n");
      fields.forEach(function (f) { f.value = ""; });
      groupChanged(addCodes(text));
    }
    if (action === "clear" && window.confirm("Clear all your ratings and notes for this framework?")) {
      form.reset(); nameInput.value = ""; save(); render();
    }
    if (action === "clear-group" && window.confirm("Clear the group: everyone's codes, the show of hands, the agreed levels and notes?")) {
      room = { agreed: {}, notes: {}, hands: {}, people: [] };
      groupChanged("Cleared.");
    }
  }

  function copyCode() {
    var code = document.getElementById("kb-my-code").textContent;
    var status = document.getElementById("kb-copy-status");
    var done = function () { status.textContent = "Copied " + code + "."; };
    var fail = function () { status.textContent = "Could not copy: select the code and copy it."; };
    if (navigator.clipboard) navigator.clipboard.writeText(code).then(done, fail); else fail();
  }

  form.addEventListener("change", function () { save(); render(); });
  form.addEventListener("input", function () { save(); render(); });
  nameInput.addEventListener("input", function () { save(); render(); });
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-action], [data-room], [data-note-for], [data-remove-person]") : null;
    if (!target) return;
    if (target.hasAttribute("data-action")) onAction(target.getAttribute("data-action"));
    var room_ = target.getAttribute("data-room");
    if (room_ === "close") dialog.close();
    if (room_ === "order") orderRoom(target.getAttribute("aria-pressed") !== "true");
    if (room_ === "drawer") { if (target.getAttribute("aria-expanded") === "true") closeDrawer(); else openDrawer(target.getAttribute("data-panel")); }
    if (room_ === "drawer-close") closeDrawer();
    if (target.hasAttribute("data-note-for")) openDrawer("notes", "room-note-" + target.getAttribute("data-note-for"));
    if (target.hasAttribute("data-remove-person")) {
      var person = room.people.splice(Number(target.getAttribute("data-remove-person")), 1)[0];
      groupChanged("Removed " + personName(person) + ".");
    }
  });
  document.querySelectorAll("[data-import]").forEach(function (input) {
    input.addEventListener("change", function () { if (input.files.length) importFiles(input.files); });
  });
  document.getElementById("kb-group-body").addEventListener("change", function (event) {
    var id = event.target.getAttribute("data-agreed");
    if (id) setAgreed(id, event.target.value);
  });
  dialog.addEventListener("change", function (event) {
    var id = event.target.getAttribute("data-agree");
    if (id) setAgreed(id, event.target.value);
  });
  dialog.addEventListener("input", function (event) {
    var t = event.target, id = t.getAttribute("data-hands"), noteId = t.getAttribute("data-room-note");
    if (id) {
      var n = Math.floor(Number(t.value));
      room.hands[id] = room.hands[id] || {};
      if (n > 0 && n < 1000) room.hands[id][t.getAttribute("data-level")] = n; else delete room.hands[id][t.getAttribute("data-level")];
    }
    if (noteId) { if (t.value) room.notes[noteId] = t.value; else delete room.notes[noteId]; }
    if (id || noteId) { saveRoom(); renderRoom(); }
  });
  dialog.addEventListener("cancel", function (event) {
    if (!drawer.hidden) { event.preventDefault(); closeDrawer(); }
  });
  dialog.addEventListener("close", function () {
    document.documentElement.removeAttribute("data-kb-room");
    try { sessionStorage.removeItem(openKey); } catch (e) { /* nothing to forget */ }
    var opener = document.querySelector('.kb-fw-start [data-action="present"]');
    if (opener) opener.focus();
  });

  // Material's "Back to top" button sits over the top of the screen: hide it while the tool is in view.
  if (window.IntersectionObserver) {
    new IntersectionObserver(function (entries) {
      document.documentElement.toggleAttribute("data-kb-tool-in-view", entries[0].isIntersecting);
    }).observe(root);
  }

  // A link from a participant's QR code: #room-code=CODE adds their ratings to this browser's group view.
  function takeLinkCode() {
    var match = /^#room-code=([0-9A-Za-z-]+)$/.exec(location.hash);
    if (!match) return false;
    history.replaceState(null, "", location.pathname + location.search);
    groupChanged(addCodes(match[1]));
    return true;
  }

  root.hidden = false;
  document.querySelectorAll("[data-kb-blank], [data-kb-needs-script]").forEach(function (node) { node.hidden = false; });
  restore();
  render();
  renderGroup();
  renderRoom();
  var fromLink = takeLinkCode();
  var wasOpen = false;
  try { wasOpen = sessionStorage.getItem(openKey) === "1"; } catch (e) { /* not remembered */ }
  if (fromLink || wasOpen) openRoom();
  if (fromLink) openDrawer("codes");
  window.addEventListener("hashchange", function () {
    if (takeLinkCode()) { openRoom(); openDrawer("codes"); }
  });
})();
