/* 看板 (dashboard) charts, drawn with the vendored ECharts (static/vendor/echarts.min.js, loaded before this
   file). The numbers and every label come from the page: <script type="application/json" id="dashboard-data">
   written by Django's json_script (taizhang/dashboard/charts.py); this file holds no text of its own and the
   page no inline script. Charts use the page's CJK font stack and follow their boxes when they resize. */
(function () {
  "use strict";

  var PROGRESS_COLORS = {
    done: "#1e7b34",
    in_progress: "#1d4f91",
    not_started: "#b8bec7",
    overdue: "#b3261e"
  };
  var LIGHT_COLORS = { red: "#b3261e", yellow: "#e0a800", green: "#3c9a52", done: "#8c939d" };
  var TIMELINESS_COLORS = { on_time: "#1e7b34", late: "#e0a800", missing: "#b3261e" };

  var source = document.getElementById("dashboard-data");
  if (!source || typeof window.echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var font = window.getComputedStyle(document.body).fontFamily;
  var charts = [];

  function make(id) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas", locale: data.locale });
    charts.push(chart);
    return chart;
  }

  function base(extra) {
    var option = {
      textStyle: { fontFamily: font },
      tooltip: { textStyle: { fontFamily: font } },
      legend: { top: 0, textStyle: { fontFamily: font } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      animationDuration: 400
    };
    Object.keys(extra).forEach(function (key) {
      option[key] = extra[key];
    });
    return option;
  }

  function noData(empty) {
    return empty
      ? [{ type: "text", left: "center", top: "middle", style: { text: data.text.none, fill: "#5f6670", font: "14px " + font } }]
      : [];
  }

  function progressSeries(groups, horizontal) {
    return data.progress.map(function (p) {
      return {
        name: p.name,
        type: "bar",
        stack: "lines",
        barMaxWidth: horizontal ? 22 : 48,
        itemStyle: { color: PROGRESS_COLORS[p.key] },
        emphasis: { focus: "series" },
        data: groups.series[p.key]
      };
    });
  }

  function groupTooltip(groups) {
    return {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      textStyle: { fontFamily: font },
      formatter: function (items) {
        // Section titles and unit names are people's text: escaped, since the tooltip is HTML.
        var enc = window.echarts.format.encodeHTML;
        var i = items[0].dataIndex;
        var rate = groups.rates[i] === null ? "—" : groups.rates[i] + "%";
        var out = [
          "<strong>" + enc(groups.titles[i]) + "</strong>",
          enc(groups.lines[i] + " " + data.text.lines + " · " + data.text.rate + " " + rate)
        ];
        items.forEach(function (item) {
          out.push(item.marker + enc(item.seriesName) + "：" + enc(String(item.value)));
        });
        return out.join("<br>");
      }
    };
  }

  function sectionsChart() {
    var chart = make("chart-sections");
    if (!chart) {
      return;
    }
    var groups = data.sections;
    chart.setOption(base({
      tooltip: groupTooltip(groups),
      // The printed number alone (二, 三) says little: show the heading's first words (it starts "二、").
      xAxis: { type: "category", data: groups.labels.map(function (label, i) {
        var title = groups.titles[i] || "";
        return title ? (title.length > 9 ? title.slice(0, 9) + "…" : title) : label;
      }), axisLabel: { interval: 0, fontFamily: font } },
      yAxis: { type: "value", minInterval: 1 },
      series: progressSeries(groups, false),
      graphic: noData(groups.labels.length === 0)
    }));
  }

  function sortedGroups(groups, by) {
    var order = groups.labels.map(function (_, i) {
      return i;
    });
    var key = {
      lines: function (i) { return groups.lines[i]; },
      rate: function (i) { return groups.rates[i] === null ? -1 : groups.rates[i]; },
      overdue: function (i) { return groups.series.overdue[i]; }
    }[by] || function (i) { return groups.lines[i]; };
    order.sort(function (a, b) {
      return key(b) - key(a) || a - b;
    });
    function pick(list) {
      return order.map(function (i) { return list[i]; });
    }
    var series = {};
    Object.keys(groups.series).forEach(function (k) {
      series[k] = pick(groups.series[k]);
    });
    return { labels: pick(groups.labels), titles: pick(groups.titles), lines: pick(groups.lines), rates: pick(groups.rates), series: series };
  }

  function unitsChart() {
    // One bar per unit (at most 20): the box grows with them rather than squeezing or stretching the bars.
    var box = document.getElementById("chart-units");
    if (box) {
      box.style.height = Math.max(220, 90 + 30 * data.units.labels.length) + "px";
    }
    var chart = make("chart-units");
    if (!chart) {
      return;
    }
    function draw(by) {
      var groups = sortedGroups(data.units, by);
      chart.setOption(base({
        tooltip: groupTooltip(groups),
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", inverse: true, data: groups.labels, axisLabel: { fontFamily: font } },
        series: progressSeries(groups, true),
        graphic: noData(groups.labels.length === 0)
      }), { replaceMerge: ["series", "yAxis"] });
    }
    var select = document.getElementById("unit-sort");
    draw(select ? select.value : "lines");
    if (select) {
      select.addEventListener("change", function () {
        draw(select.value);
      });
    }
  }

  function timelinessChart() {
    var chart = make("chart-timeliness");
    if (!chart) {
      return;
    }
    var t = data.timeliness;
    chart.setOption(base({
      tooltip: { trigger: "axis", textStyle: { fontFamily: font } },
      xAxis: { type: "category", data: t.labels, axisLabel: { fontFamily: font } },
      yAxis: { type: "value", minInterval: 1 },
      series: t.series.map(function (s) {
        return {
          name: s.name,
          type: "line",
          symbolSize: 7,
          itemStyle: { color: TIMELINESS_COLORS[s.key] },
          lineStyle: { color: TIMELINESS_COLORS[s.key] },
          data: s.data
        };
      }),
      graphic: noData(t.labels.length === 0)
    }));
  }

  function lightsChart() {
    var chart = make("chart-lights");
    if (!chart) {
      return;
    }
    var total = data.lights.reduce(function (sum, l) { return sum + l.value; }, 0);
    chart.setOption(base({
      tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）", textStyle: { fontFamily: font } },
      series: [{
        type: "pie",
        radius: ["42%", "70%"],
        center: ["50%", "56%"],
        label: { formatter: "{b}\n{c}", fontFamily: font },
        data: data.lights.filter(function (l) { return l.value > 0; }).map(function (l) {
          return { name: l.name, value: l.value, itemStyle: { color: LIGHT_COLORS[l.key] } };
        })
      }],
      graphic: noData(total === 0)
    }));
  }

  sectionsChart();
  unitsChart();
  timelinessChart();
  lightsChart();

  function resizeAll() {
    charts.forEach(function (chart) {
      chart.resize();
    });
  }
  window.addEventListener("resize", resizeAll);
  if (typeof window.ResizeObserver === "function") {
    var observer = new window.ResizeObserver(resizeAll);
    charts.forEach(function (chart) {
      observer.observe(chart.getDom());
    });
  }
  window.taizhangCharts = charts; // for the browser test and for anyone debugging on the page
})();
