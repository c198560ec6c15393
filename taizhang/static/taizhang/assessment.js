/* 考核 (assessment) chart: the totals of the ranking as horizontal bars, best at the top, coloured by grade.
   Drawn with the vendored ECharts from <script type="application/json" id="assessment-data"> (json_script);
   the page has no inline script and this file no text of its own. */
(function () {
  "use strict";

  var GRADE_COLORS = { excellent: "#1e7b34", good: "#1d4f91", fair: "#e0a800", poor: "#b3261e" };
  var source = document.getElementById("assessment-data");
  var el = document.getElementById("chart-totals");
  if (!source || !el || typeof window.echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var font = window.getComputedStyle(document.body).fontFamily;
  el.style.height = Math.max(240, 28 * data.units.length + 60) + "px";
  var chart = window.echarts.init(el, null, { renderer: "canvas", locale: data.locale });
  chart.setOption({
    textStyle: { fontFamily: font },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: function (items) {
        var i = items[0].dataIndex;
        var enc = window.echarts.format.encodeHTML; // the tooltip is HTML: names are text
        return enc(data.units[i]) + "<br>" + enc(data.text.total) + "：" + data.totals[i] + "　" + enc(data.grades[i]);
      }
    },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", name: data.text.total },
    yAxis: { type: "category", inverse: true, data: data.units },
    series: [
      {
        type: "bar",
        name: data.text.total,
        data: data.totals.map(function (total, i) {
          return { value: total, itemStyle: { color: GRADE_COLORS[data.grade_keys[i]] || "#8c939d" } };
        }),
        label: { show: true, position: "right" }
      }
    ]
  });
  window.addEventListener("resize", function () {
    chart.resize();
  });
})();
