/* 审核: the "select all on this page" box of the review queue. Without JavaScript the box stays hidden and
   the 全选本页 link reloads the page with every row ticked. Delegated from the document, so it keeps working
   after htmx swaps the results. */
(function () {
  "use strict";

  function boxes() {
    return document.querySelectorAll('input[type="checkbox"][name="report"][form="review-batch"]');
  }

  function show() {
    var all = document.getElementById("review-select-all");
    if (all) {
      all.hidden = false;
    }
  }

  document.addEventListener("change", function (event) {
    if (event.target.id !== "review-select-all") {
      return;
    }
    boxes().forEach(function (box) {
      box.checked = event.target.checked;
    });
  });
  document.addEventListener("DOMContentLoaded", show);
  document.addEventListener("htmx:afterSwap", show);
})();
