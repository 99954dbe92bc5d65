// Draws each dashboard chart with the vendored ECharts from the table
// beside it (the CSP forbids inline scripts, and one source keeps chart,
// print and screen reader in step): rows are categories, columns series,
// a cell's link is the list behind the bar, slice or point it becomes.
(function () {
  "use strict";
  if (typeof echarts === "undefined") return;
  var drawn = [];

  function pct(v) { return (v / 10).toFixed(1) + "%"; }

  // spec reads a figure's table: percent cells ("22.2%") become per mille.
  function spec(fig) {
    var c = { kind: fig.dataset.kind, stack: !!fig.dataset.stack, percent: !!fig.dataset.percent, categories: [], series: [] };
    fig.querySelectorAll("thead th").forEach(function (th, i) { if (i > 0) c.series.push({ name: th.textContent, data: [], links: [] }); });
    fig.querySelectorAll("tbody tr").forEach(function (tr) {
      var head = tr.querySelector("th");
      if (!head) return;
      c.categories.push(head.textContent);
      tr.querySelectorAll("td").forEach(function (td, j) {
        var v = parseFloat(td.textContent) || 0;
        var a = td.querySelector("a");
        c.series[j].data.push(c.percent ? Math.round(v * 10) : v);
        c.series[j].links.push(a ? a.getAttribute("href") : "");
      });
    });
    return c;
  }

  function option(c) {
    var base = { animation: false, tooltip: { trigger: c.kind === "pie" ? "item" : "axis" }, grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true } };
    if (c.kind === "pie") {
      var s = c.series[0];
      base.legend = { type: "scroll", bottom: 0 };
      base.series = [{ type: "pie", name: s.name, radius: ["35%", "65%"], data: c.categories.map(function (n, i) { return { name: n, value: s.data[i] }; }) }];
      return base;
    }
    if (c.kind === "gauge") {
      var v = c.series[0].data[0];
      base.tooltip = { formatter: function () { return pct(v); } };
      base.series = [{ type: "gauge", min: 0, max: 100, detail: { formatter: function () { return pct(v); } }, data: [{ name: c.series[0].name, value: v / 10 }] }];
      return base;
    }
    var horizontal = c.kind === "hbar";
    var cat = { type: "category", data: c.categories, inverse: horizontal, axisLabel: { interval: 0, hideOverlap: true } };
    var val = { type: "value", minInterval: 1 };
    if (c.percent) { val.max = 1000; val.axisLabel = { formatter: function (x) { return x / 10 + "%"; } }; base.tooltip.valueFormatter = pct; }
    base.legend = { top: 0 };
    base.xAxis = horizontal ? val : cat;
    base.yAxis = horizontal ? cat : val;
    // Stacked charts stack all series but the last (the overdue bar stands beside).
    base.series = c.series.map(function (s, i) {
      return { type: c.kind === "line" ? "line" : "bar", name: s.name, data: s.data, stack: c.stack && i < c.series.length - 1 ? "total" : undefined };
    });
    return base;
  }

  document.querySelectorAll("figure.dash-chart").forEach(function (fig) {
    var el = fig.querySelector(".chart-canvas");
    var c = spec(fig);
    if (!el || c.categories.length === 0) return;
    fig.classList.add("charted"); // gives the canvas its height first
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(c));
    chart.on("click", function (p) {
      var s = c.series[p.seriesIndex || 0];
      var link = s ? s.links[p.dataIndex || 0] : "";
      if (link) window.location.assign(link);
    });
    drawn.push(chart);
  });
  window.addEventListener("resize", function () { drawn.forEach(function (c) { c.resize(); }); });
})();
