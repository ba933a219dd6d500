// Charts of the manager pages (ECharts). Each <div class="chart" data-chart="kind" data-source="id">
// reads its numbers from <script type="application/json" id="id">; the same numbers are in a table
// beside it, so the page says everything without this script. Animation is off: the charts are
// drawn at once, and screenshots are stable.
(function () {
  "use strict";
  if (!window.echarts) {
    return;
  }
  var css = getComputedStyle(document.documentElement);
  function color(name, fallback) {
    return (css.getPropertyValue(name) || "").trim() || fallback;
  }
  var booked = color("--infusion", "#2f6fd6");
  var actual = color("--observation", "#f0a202");
  var limit = color("--danger", "#b3261e");
  var muted = color("--muted", "#5b6475");
  var weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var shortDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function shortDate(iso) {
    var p = iso.split("-");
    return +p[2] + " " + months[+p[1] - 1];
  }
  function weekday(iso) {
    var d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)));
    return shortDays[(d.getUTCDay() + 6) % 7];
  }
  function percentAxis(max) {
    return { type: "value", min: 0, max: max, axisLabel: { formatter: "{value}%" } };
  }
  function base(extra) {
    var option = {
      animation: false,
      aria: { enabled: false },
      textStyle: { fontFamily: "system-ui, sans-serif" },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 48, containLabel: false },
    };
    for (var k in extra) {
      option[k] = extra[k];
    }
    return option;
  }
  function percentFormatter(v) {
    return v === null || v === undefined ? "–" : v + "%";
  }

  // Booked against actual, by week or by chair.
  function bookedAgainstActual(rows, byWeek) {
    var labels = rows.map(function (r) { return byWeek ? shortDate(r.label) : r.label; });
    var max = Math.max(10, Math.ceil(Math.max.apply(null, rows.map(function (r) { return Math.max(r.booked || 0, r.actual || 0); }).concat([0])) / 10) * 10);
    return base({
      tooltip: { trigger: "axis", valueFormatter: percentFormatter },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 45 : 0 } },
      yAxis: percentAxis(Math.min(100, max)),
      series: [
        { name: "Booked", type: byWeek ? "line" : "bar", barMaxWidth: 40, data: rows.map(function (r) { return r.booked; }), itemStyle: { color: booked }, lineStyle: { width: 3 }, symbolSize: 7 },
        { name: "Actual", type: byWeek ? "line" : "bar", barMaxWidth: 40, data: rows.map(function (r) { return r.actual; }), itemStyle: { color: actual }, lineStyle: { width: 3, type: "dashed" }, symbolSize: 7, connectNulls: false },
      ],
    });
  }

  function heatmap(rows) {
    var days = weekdays.filter(function (d) { return rows.some(function (r) { return r.weekday === d; }); });
    var hours = rows.map(function (r) { return r.hour; }).filter(function (h, i, all) { return all.indexOf(h) === i; }).sort(function (a, b) { return a - b; });
    var data = rows.map(function (r) {
      return [hours.indexOf(r.hour), days.indexOf(r.weekday), r.occupancyPercent === null ? "-" : r.occupancyPercent];
    });
    return base({
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          return shortDays[weekdays.indexOf(days[p.value[1]])] + " " + hours[p.value[0]] + ":00 – " + percentFormatter(p.value[2] === "-" ? null : p.value[2]);
        },
      },
      legend: { show: false },
      grid: { left: 56, right: 16, top: 16, bottom: 72 },
      xAxis: { type: "category", data: hours.map(function (h) { return (h < 10 ? "0" : "") + h + ":00"; }), splitArea: { show: true } },
      yAxis: { type: "category", data: days.map(function (d) { return shortDays[weekdays.indexOf(d)]; }), inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0,
        text: ["100% booked", "0%"], inRange: { color: ["#eef3fb", "#9dbbe9", booked, "#0f2f66"] },
      },
      series: [{
        name: "Booked occupancy", type: "heatmap", data: data,
        label: { show: true, formatter: function (p) { return p.value[2] === "-" ? "" : Math.round(p.value[2]); }, fontSize: 10 },
      }],
    });
  }

  function nurses(source) {
    var slots = source.slots;
    var labels = slots.map(function (s) {
      var time = s.start.slice(11, 16);
      return source.week ? weekday(s.start) + " " + time : time;
    });
    var peaks = [];
    slots.forEach(function (s, i) {
      if (s.peak) {
        peaks.push([i, Math.max(s.inCare, s.setupsRunning)]);
      }
    });
    return base({
      grid: { left: 40, right: 16, top: 44, bottom: 64 },
      xAxis: { type: "category", data: labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1, name: "patients / set-ups", nameTextStyle: { color: muted, align: "left" } },
      dataZoom: source.week ? [{ type: "slider", height: 18, bottom: 8 }] : [],
      series: [
        { name: "Set-ups running", type: "bar", data: slots.map(function (s) { return s.setupsRunning; }), itemStyle: { color: actual }, barGap: "-100%" },
        { name: "Patients in care", type: "line", step: "end", data: slots.map(function (s) { return s.inCare; }), itemStyle: { color: booked }, areaStyle: { opacity: 0.15 }, symbol: "none" },
        { name: "Start limit (nurses)", type: "line", step: "end", data: slots.map(function (s) { return s.startLimit; }), itemStyle: { color: limit }, lineStyle: { type: "dotted", width: 2 }, symbol: "none" },
        { name: "Care limit", type: "line", step: "end", data: slots.map(function (s) { return s.careLimit; }), itemStyle: { color: limit }, lineStyle: { type: "dashed", width: 2 }, symbol: "none" },
        { name: "Peak", type: "scatter", data: peaks, symbol: "triangle", symbolSize: 11, itemStyle: { color: "#17325c" } },
      ],
    });
  }

  // Today against the what-if, or the forecast alone, by week.
  function weeks(source) {
    var labels = source.weeks.map(function (w) { return shortDate(w.week); });
    var series = source.series.map(function (s, i) {
      return {
        name: s.name, type: "bar", barMaxWidth: 56, data: source.weeks.map(function (w) { return w[s.field]; }),
        itemStyle: { color: i === 0 ? booked : actual },
        label: { show: source.weeks.length <= 12, position: "top", formatter: function (p) { return p.value === null ? "" : p.value + (source.percent ? "%" : ""); } },
      };
    });
    var max = Math.max.apply(null, [0].concat(source.weeks.map(function (w) { return Math.max.apply(null, source.series.map(function (s) { return w[s.field] || 0; })); })));
    return base({
      tooltip: { trigger: "axis", valueFormatter: source.percent ? percentFormatter : undefined },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 8 ? 45 : 0 } },
      yAxis: source.percent ? percentAxis(Math.min(100, Math.max(10, Math.ceil(max / 10) * 10))) : { type: "value", minInterval: 1, name: source.unit || "" },
      series: series,
    });
  }

  var builders = {
    weekly: function (data) { return bookedAgainstActual(data, true); },
    chairs: function (data) { return bookedAgainstActual(data, false); },
    heatmap: heatmap,
    nurses: nurses,
    weeks: weeks,
  };

  var charts = [];
  function draw(root) {
    (root || document).querySelectorAll(".chart[data-chart]").forEach(function (element) {
      if (element.dataset.drawn) {
        return;
      }
      var source = document.getElementById(element.dataset.source);
      var build = builders[element.dataset.chart];
      if (!source || !build) {
        return;
      }
      element.dataset.drawn = "true";
      var chart = echarts.init(element, null, { renderer: "canvas" });
      chart.setOption(build(JSON.parse(source.textContent)));
      charts.push(chart);
    });
  }

  draw(document);
  // Answers that htmx puts into the page may bring charts of their own.
  document.addEventListener("htmx:after:settle", function () { draw(document); });
  window.addEventListener("resize", function () {
    charts = charts.filter(function (c) { return !c.isDisposed() && c.getDom().isConnected; });
    charts.forEach(function (c) { c.resize(); });
  });
})();
