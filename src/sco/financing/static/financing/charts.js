// Financing charts: data comes from json_script elements; Plotly is served from the installed package.
(function () {
  "use strict";
  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function draw() {
    if (typeof Plotly === "undefined") { return; }
    var layout = { margin: { t: 10, r: 10, b: 40, l: 60 }, height: 300 };
    var config = { displayModeBar: false, responsive: true };
    var s = read("financing-series");
    if (s && document.getElementById("chart-timeline")) {
      Plotly.newPlot("chart-timeline", [
        { x: s.dates, y: s.committed, name: "committed", type: "scatter", mode: "lines+markers", line: { shape: "hv" } },
        { x: s.dates, y: s.disbursed, name: "disbursed", type: "scatter", mode: "lines+markers", line: { shape: "hv" } }
      ], Object.assign({}, layout, { yaxis: { title: s.currency } }), config);
    }
    if (s && s.waterfall && s.waterfall.labels && document.getElementById("chart-waterfall")) {
      Plotly.newPlot("chart-waterfall", [{
        type: "waterfall", x: s.waterfall.labels, y: s.waterfall.values, measure: s.waterfall.measures
      }], Object.assign({}, layout, { yaxis: { title: s.currency } }), config);
    }
    var p = read("pipeline-data");
    if (p && document.getElementById("chart-pipeline")) {
      Plotly.newPlot("chart-pipeline", [
        { y: p.labels, x: p.committed, name: "committed", type: "bar", orientation: "h" },
        { y: p.labels, x: p.gap, name: "gap", type: "bar", orientation: "h" }
      ], Object.assign({}, layout, { barmode: "stack", xaxis: { title: p.currency }, margin: { t: 10, r: 10, b: 40, l: 160 } }), config);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
