/* Searchable pickers (issue 13 item 8): every <select data-picker> written by taizhang.lib.pickers gets a
   filter box; a multiple select also gets 全选 of the options shown, 全选 per unit kind (data-kinds lists
   them, each option says its data-kind) and 清空, with a count. The select stays the form's input, so the
   page works the same without this script. Texts come from the select's data-picker-* attributes (the
   page's language). No inline script: the CSP allows only files from 'self'. */
(function () {
  "use strict";

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button secondary picker-button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function setUp(select) {
    if (select.dataset.pickerReady) return;
    select.dataset.pickerReady = "1";
    var options = Array.prototype.slice.call(select.options);
    var texts = options.map(function (o) { return (o.textContent || "").toLowerCase(); });
    var tools = document.createElement("div");
    tools.className = "picker-tools";
    var filter = document.createElement("input");
    filter.type = "search";
    filter.className = "picker-filter";
    filter.placeholder = select.dataset.pickerFilter || "";
    filter.setAttribute("aria-label", select.dataset.pickerFilter || "");
    if (select.id) filter.setAttribute("aria-controls", select.id);
    tools.appendChild(filter);
    var count = document.createElement("span");
    count.className = "picker-count muted";
    count.setAttribute("aria-live", "polite");

    function shown(o) { return !o.hidden && o.value !== ""; }
    function update() {
      var total = 0, visible = 0, chosen = 0;
      options.forEach(function (o) {
        if (o.value === "") return;
        total += 1;
        if (!o.hidden) visible += 1;
        if (o.selected) chosen += 1;
      });
      count.textContent = (select.dataset.pickerShown || "{shown} / {total} · {chosen}")
        .replace("{shown}", visible).replace("{total}", total).replace("{chosen}", chosen);
    }
    function choose(test) {
      options.forEach(function (o) { if (test(o)) o.selected = true; });
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    filter.addEventListener("input", function () {
      var words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      options.forEach(function (o, i) {
        o.hidden = o.value !== "" && !words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (g) {
        g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
      });
      update();
    });

    if (select.multiple) {
      tools.appendChild(button(select.dataset.pickerAll || "All", function () { choose(shown); }));
      var kinds = [];
      try { kinds = JSON.parse(select.dataset.kinds || "[]"); } catch (e) { kinds = []; }
      kinds.forEach(function (pair) {
        var kind = pair[0];
        var b = button((select.dataset.pickerAll || "") + "：" + pair[1], function () {
          choose(function (o) { return o.dataset.kind === kind; });
        });
        b.dataset.kind = kind;
        tools.appendChild(b);
      });
      tools.appendChild(button(select.dataset.pickerNone || "None", function () {
        options.forEach(function (o) { o.selected = false; });
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }));
    }
    tools.appendChild(count);
    select.addEventListener("change", update);
    select.parentNode.insertBefore(tools, select);
    update();
  }

  function init(root) {
    var found = root.querySelectorAll ? root.querySelectorAll("select[data-picker]") : [];
    Array.prototype.forEach.call(found, setUp);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
