// The self-evaluation tool on framework pages: rate each strand, save in this
// browser only, export and import files, compare a group, record an agreed
// rating, print a record. Plain JavaScript; nothing is sent anywhere.
(function () {
  "use strict";
  var root = document.querySelector("[data-kb-selfeval]");
  if (!root) return;
  var tool = JSON.parse(document.getElementById("kb-selfeval-data").textContent);
  var links = JSON.parse(document.getElementById("kb-selfeval-links").textContent);
  var FORMAT = "kb-self-evaluation";
  var storageKey = "kb-selfeval:" + tool.framework + ":" + tool.version;
  var levelIndex = {};
  tool.levels.forEach(function (level, i) { levelIndex[level.id] = i; });
  var strands = [];
  tool.dimensions.forEach(function (d) { d.strands.forEach(function (s) { strands.push({ id: s.id, name: s.name, dimension: d }); }); });
  var strandById = {};
  strands.forEach(function (s) { strandById[s.id] = s; });

  var form = document.getElementById("kb-rating-form");
  var nameInput = document.getElementById("kb-rater-name");
  var people = [];   // imported ratings: {name, date, ratings}
  var agreed = {};   // strand id -> level id

  // ---- Saving ------------------------------------------------------------

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storageKey) || "{}");
      return { name: typeof saved.name === "string" ? saved.name : "", ratings: clean(saved.ratings) };
    } catch (e) {
      return { name: "", ratings: {} };
    }
  }

  // Keep only ratings of strands and levels this framework has.
  function clean(ratings) {
    var result = {};
    Object.keys(ratings || {}).forEach(function (id) {
      var r = ratings[id] || {};
      if (!strandById[id]) return;
      var level = levelIndex.hasOwnProperty(r.level) ? r.level : null;
      var note = typeof r.note === "string" ? r.note : "";
      if (level || note) result[id] = { level: level, note: note };
    });
    return result;
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
    try {
      localStorage.setItem(storageKey, JSON.stringify({ name: nameInput.value, ratings: current() }));
    } catch (e) { /* storage full or blocked: the tool still works for this visit */ }
  }

  function restore() {
    var saved = load();
    nameInput.value = saved.name;
    Object.keys(saved.ratings).forEach(function (id) {
      var r = saved.ratings[id];
      if (r.level) form.querySelector('input[name="rating-' + id + '"][value="' + r.level + '"]').checked = true;
      form.querySelector('[data-note="' + id + '"]').value = r.note;
    });
  }

  // ---- Summary, what next, record ------------------------------------------

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function label(levelId) {
    return levelId ? tool.levels[levelIndex[levelId]].label : "Not rated";
  }

  function render() {
    var ratings = current();
    var rated = strands.filter(function (s) { return ratings[s.id] && ratings[s.id].level; });
    document.getElementById("kb-progress-bar").value = rated.length;
    document.getElementById("kb-progress-text").textContent = rated.length + " of " + strands.length + " strands rated";

    var body = document.getElementById("kb-summary-body");
    body.textContent = "";
    tool.dimensions.forEach(function (d) {
      var own = d.strands.filter(function (s) { return ratings[s.id] && ratings[s.id].level; });
      var levels = own.map(function (s) { return levelIndex[ratings[s.id].level]; });
      var row = el("tr");
      row.appendChild(el("th", d.name, { scope: "row" }));
      row.appendChild(el("td", own.length + " of " + d.strands.length));
      row.appendChild(el("td", levels.length ? tool.levels[median(levels)].label : "Not rated"));
      var lowest = own.slice().sort(function (a, b) { return levelIndex[ratings[a.id].level] - levelIndex[ratings[b.id].level]; })[0];
      row.appendChild(el("td", lowest ? lowest.name + " (" + label(ratings[lowest.id].level) + ")" : ""));
      body.appendChild(row);
    });

    var next = document.getElementById("kb-next");
    next.textContent = "";
    var low = rated.slice().sort(function (a, b) {
      return levelIndex[ratings[a.id].level] - levelIndex[ratings[b.id].level] || strands.indexOf(a) - strands.indexOf(b);
    }).slice(0, 3);
    if (!low.length) next.appendChild(el("li", "Rate some strands to see suggestions."));
    low.forEach(function (s) {
      var item = el("li");
      item.appendChild(el("strong", s.name + " (" + label(ratings[s.id].level) + ")"));
      var help = (links[s.id].recommendations || []).concat(links[s.id].case_studies || []);
      if (!help.length) item.appendChild(document.createTextNode(": discuss what would move this on; no page is linked to it yet."));
      else {
        item.appendChild(document.createTextNode(": "));
        help.forEach(function (page, i) {
          if (i) item.appendChild(document.createTextNode("; "));
          item.appendChild(el("a", page.title, { href: page.url }));
        });
      }
      next.appendChild(item);
    });
    renderRecord("mine");
  }

  function median(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }

  function renderRecord(which) {
    var ratings = which === "agreed" ? agreedRatings() : current();
    var who = which === "agreed" ? "Agreed rating of the group" : (nameInput.value ? "Ratings of " + nameInput.value : "My ratings");
    document.getElementById("kb-record-meta").textContent = who + ", " + today() + ". " + tool.title + ": " + location.href.split("#")[0].split("?")[0];
    var body = document.getElementById("kb-record-body");
    body.textContent = "";
    strands.forEach(function (s) {
      var r = ratings[s.id] || {};
      var row = el("tr");
      row.appendChild(el("td", s.dimension.name));
      row.appendChild(el("th", s.name, { scope: "row" }));
      row.appendChild(el("td", label(r.level)));
      row.appendChild(el("td", r.note || ""));
      body.appendChild(row);
    });
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  // ---- Export -------------------------------------------------------------

  function ratingFile(kind, ratings, name) {
    return { format: FORMAT, format_version: 1, framework: tool.framework, framework_title: tool.title, version: tool.version, kind: kind, name: name || "", date: today(), ratings: ratings };
  }

  function csvCell(value) {
    value = value === null || value === undefined ? "" : String(value);
    return /[",\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function toCsv(doc) {
    var lines = [["framework", "version", "kind", "name", "date", "dimension", "strand_id", "strand", "level_id", "level", "note"].join(",")];
    strands.forEach(function (s) {
      var r = doc.ratings[s.id] || {};
      lines.push([doc.framework, doc.version, doc.kind, doc.name, doc.date, s.dimension.name, s.id, s.name, r.level || "", r.level ? label(r.level) : "", r.note || ""].map(csvCell).join(","));
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

  function fileName(kind, name, ext) {
    var who = (name || kind).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return tool.framework + "-" + (who || kind) + "-" + today() + "." + ext;
  }

  function exportDoc(doc, ext) {
    if (ext === "json") download(fileName(doc.kind, doc.name, "json"), JSON.stringify(doc, null, 2) + "\n", "application/json");
    else download(fileName(doc.kind, doc.name, "csv"), toCsv(doc), "text/csv");
  }

  // ---- Import and the group view -------------------------------------------

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
      doc.framework = rows[0].framework; doc.version = rows[0].version; doc.date = rows[0].date;
      rows.forEach(function (r) { doc.ratings[r.strand_id] = { level: r.level_id || null, note: r.note || "" }; });
      return doc;
    }
    var parsed = JSON.parse(text);
    if (!parsed || parsed.format !== FORMAT) throw new Error("not a rating file");
    return parsed;
  }

  function importFiles(files) {
    var status = document.getElementById("kb-import-status");
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
          imported[index] = { name: doc.name || file.name.replace(/\.(json|csv)$/i, ""), date: doc.date, ratings: ratings, kind: doc.kind };
          if (doc.kind === "agreed") Object.keys(ratings).forEach(function (id) { if (ratings[id].level) agreed[id] = ratings[id].level; });
          var note = doc.version !== tool.version ? " (made with an earlier version of this framework" + (dropped ? "; " + dropped + " ratings no longer match and were left out" : "") + ")" : "";
          messages[index] = "Imported " + file.name + note + ".";
        } catch (e) {
          messages[index] = "Could not import " + file.name + ": " + e.message + ".";
        }
        pending -= 1;
        if (!pending) {
          imported.forEach(function (person) { if (person) people.push(person); });
          status.textContent = messages.join(" ") + " " + people.length + " people in the group view.";
          renderGroup();
        }
      };
      reader.readAsText(file);
    });
  }

  function stats(strandId) {
    var levels = people.map(function (p) { var r = p.ratings[strandId]; return r && r.level ? levelIndex[r.level] : null; })
      .filter(function (v) { return v !== null; });
    if (!levels.length) return { count: 0, spread: -1, min: null, max: null };
    var min = Math.min.apply(null, levels), max = Math.max.apply(null, levels);
    return { count: levels.length, spread: max - min, min: min, max: max };
  }

  function renderGroup() {
    var group = document.getElementById("kb-group");
    group.hidden = people.length === 0;
    var head = document.getElementById("kb-group-head");
    var body = document.getElementById("kb-group-body");
    head.textContent = ""; body.textContent = "";
    var row = el("tr");
    row.appendChild(el("th", "Strand", { scope: "col" }));
    people.forEach(function (p) { row.appendChild(el("th", p.name, { scope: "col" })); });
    ["Range", "Spread (levels apart)", "Agreed rating"].forEach(function (h) { row.appendChild(el("th", h, { scope: "col" })); });
    head.appendChild(row);
    var ordered = strands.slice().sort(function (a, b) { return stats(b.id).spread - stats(a.id).spread || strands.indexOf(a) - strands.indexOf(b); });
    ordered.forEach(function (s) {
      var st = stats(s.id);
      var tr = el("tr", null, { "data-strand": s.id, "data-spread": String(st.spread) });
      tr.appendChild(el("th", s.name, { scope: "row" }));
      people.forEach(function (p) { var r = p.ratings[s.id]; tr.appendChild(el("td", r && r.level ? label(r.level) : "–")); });
      tr.appendChild(el("td", st.count ? tool.levels[st.min].label + (st.spread ? " to " + tool.levels[st.max].label : "") : "–"));
      tr.appendChild(el("td", st.count ? String(st.spread) : "–"));
      var cell = el("td");
      var select = el("select", null, { "aria-label": "Agreed rating for " + s.name, "data-agreed": s.id });
      select.appendChild(el("option", "Not agreed yet", { value: "" }));
      tool.levels.forEach(function (level) {
        var option = el("option", level.label, { value: level.id });
        if (agreed[s.id] === level.id) option.selected = true;
        select.appendChild(option);
      });
      cell.appendChild(select);
      tr.appendChild(cell);
      body.appendChild(tr);
    });
  }

  function agreedRatings() {
    var ratings = {};
    Object.keys(agreed).forEach(function (id) { if (agreed[id]) ratings[id] = { level: agreed[id], note: "" }; });
    return ratings;
  }

  // ---- Wiring -------------------------------------------------------------

  function printRecord(which) {
    renderRecord(which);
    document.documentElement.setAttribute("data-kb-print", "record");
    window.print();
  }
  window.addEventListener("afterprint", function () {
    document.documentElement.removeAttribute("data-kb-print");
    renderRecord("mine");
  });

  form.addEventListener("change", function () { save(); render(); });
  form.addEventListener("input", function () { save(); render(); });
  nameInput.addEventListener("input", function () { save(); render(); });
  document.getElementById("kb-import").addEventListener("change", function (event) {
    if (event.target.files.length) importFiles(event.target.files);
  });
  document.getElementById("kb-group-body").addEventListener("change", function (event) {
    var id = event.target.getAttribute("data-agreed");
    if (id) agreed[id] = event.target.value;
  });
  root.addEventListener("click", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("data-action");
    if (!action) return;
    var mine = ratingFile("individual", current(), nameInput.value);
    var group = ratingFile("agreed", agreedRatings(), "agreed");
    if (action === "export-json") exportDoc(mine, "json");
    if (action === "export-csv") exportDoc(mine, "csv");
    if (action === "export-agreed-json") exportDoc(group, "json");
    if (action === "export-agreed-csv") exportDoc(group, "csv");
    if (action === "print-mine") printRecord("mine");
    if (action === "print-agreed") printRecord("agreed");
    if (action === "clear" && window.confirm("Clear all your ratings and notes for this framework?")) {
      form.reset(); nameInput.value = ""; save(); render();
    }
  });

  root.hidden = false;
  document.querySelectorAll(".kb-selfeval-link").forEach(function (p) { p.hidden = false; });
  restore();
  render();
})();
