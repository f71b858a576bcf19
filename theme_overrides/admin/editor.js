/* The browser editor's own parts (Decap CMS, /admin/): a preview in the site's
   styles for every page type, and a widget for a strand's level descriptors
   (a mapping from level id to text, which Decap has no widget for). */
(function () {
  "use strict";
  var script = document.currentScript;
  var words = function (value) { return (value || "").split(" ").filter(Boolean); };

  words(script.dataset.styles).forEach(function (href) { CMS.registerPreviewStyle(href); });

  /* Labels of a select field's chosen values, from the field's options. */
  function chosenLabels(field, value) {
    if (value === undefined || value === null || value === "") return [];
    var values = value.toJS ? value.toJS() : [value];
    var options = field.get("options").toJS();
    return [].concat(values).map(function (v) {
      var option = options.filter(function (o) { return o.value === v; })[0];
      return option ? option.label : v;
    });
  }

  var Preview = createClass({
    render: function () {
      var props = this.props;
      var data = props.entry.get("data");
      var facets = props.collection.get("fields").filter(function (field) {
        return field.get("widget") === "select" && field.get("name") !== "related" && chosenLabels(field, data.get(field.get("name"))).length;
      }).map(function (field) {
        return h("div", { key: field.get("name") },
          h("dt", {}, field.get("label")),
          h("dd", {}, chosenLabels(field, data.get(field.get("name"))).join(", ")));
      }).toArray();
      var level = data.get("evidence_level");
      return h("div", { className: "md-typeset kb-page kb-preview", style: { padding: "1rem 1.5rem" } },
        h("p", { className: "kb-type" }, props.collection.get("label_singular")),
        h("h1", {}, data.get("title") || "Untitled page"),
        data.get("statement") ? h("p", { className: "kb-statement" }, data.get("statement")) : null,
        level ? h("p", {}, h("span", { className: "kb-badge kb-badge--" + level }, "Evidence: " + level)) : null,
        h("p", { className: "kb-summary" }, data.get("summary") || ""),
        facets.length ? h("dl", { className: "kb-facets" }, facets) : null,
        props.widgetFor("body"));
    }
  });
  words(script.dataset.collections).forEach(function (name) { CMS.registerPreviewTemplate(name, Preview); });

  /* A mapping of level id to descriptor, one row per level. */
  var LevelsControl = createClass({
    rows: function () {
      var value = this.props.value;
      return value && value.entrySeq ? value.entrySeq().toArray() : [];
    },
    save: function (rows) {
      var map = this.props.field.clear();  // an empty Immutable Map of the kind Decap stores
      rows.forEach(function (row) { map = map.set(row[0], row[1]); });
      this.props.onChange(map);
    },
    change: function (index, part, text) {
      var rows = this.rows().map(function (row) { return row.slice(); });
      rows[index][part] = text;
      this.save(rows);
    },
    render: function () {
      var self = this;
      var rows = this.rows();
      return h("div", { className: this.props.classNameWrapper, id: this.props.forID },
        rows.map(function (row, index) {
          return h("div", { key: index, style: { display: "flex", gap: "0.5rem", marginBottom: "0.5rem" } },
            h("input", { "aria-label": "Level id", value: row[0], size: 12, onChange: function (e) { self.change(index, 0, e.target.value); } }),
            h("textarea", { "aria-label": "What level " + row[0] + " looks like", value: row[1], rows: 2, style: { flex: 1 },
              onChange: function (e) { self.change(index, 1, e.target.value); } }),
            h("button", { type: "button", onClick: function () { self.save(rows.filter(function (_, i) { return i !== index; })); } }, "Remove"));
        }),
        h("button", { type: "button", onClick: function () { self.save(rows.concat([["level-" + (rows.length + 1), ""]])); } }, "Add a level"));
    }
  });
  var LevelsPreview = createClass({
    render: function () {
      var value = this.props.value;
      var rows = value && value.entrySeq ? value.entrySeq().toArray() : [];
      return h("dl", {}, rows.map(function (row) { return [h("dt", { key: "t" + row[0] }, row[0]), h("dd", { key: "d" + row[0] }, row[1])]; }));
    }
  });
  CMS.registerWidget("kb-map", LevelsControl, LevelsPreview);

  /* Names Decap leaves out, for screen readers (axe: frame-title, button-name); our introduction shows only
     on the sign-in screen (signed in, Decap's header has a nav), beside a logo the site's name already names. */
  var intro = document.getElementById("kb-editor-intro");
  new MutationObserver(function () {
    if (intro) intro.hidden = document.querySelector("#nc-root nav") !== null;
    document.querySelectorAll('img[alt="Logo"]').forEach(function (logo) { logo.alt = ""; });
    var frame = document.getElementById("preview-pane");
    if (frame && !frame.title) frame.title = "Preview of the page";
    document.querySelectorAll("[class*=ToolbarToggle] [role=switch]:not([aria-label])").forEach(function (toggle) {
      toggle.setAttribute("aria-label", "Edit as Markdown");
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
