// The corridor map and the scenario chart, drawn with Plotly from data the page passes through json_script.
// Plain longitude/latitude axes over shipped Natural Earth outlines: no tiles, no topojson download.
(function () {
  "use strict";
  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var palette = { rail: "#555", road: "#a0522d", ferry: "#1f77b4", sea: "#6baed6", dwell: "#999" };
  var routeColours = ["#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

  function drawMap() {
    var data = read("corridor-map-data");
    var target = document.getElementById("corridor-map");
    if (!data || !target || !window.Plotly) return;
    var traces = [{
      type: "scatter", mode: "lines", x: data.outlines.lon, y: data.outlines.lat, fill: "toself",
      fillcolor: "#f2efe6", line: { color: "#b9b29f", width: 0.6 }, hoverinfo: "skip", name: data.outlines.name
    }];
    data.modes.forEach(function (m) {
      var mode = m.mode;
      traces.push({ type: "scatter", mode: "lines", x: m.lon, y: m.lat, name: m.name, hoverinfo: "skip",
        line: { color: palette[mode] || "#555", width: 1.5 } });
    });
    data.bottlenecks.forEach(function (b, i) {
      traces.push({ type: "scatter", mode: "lines", x: b.lon, y: b.lat, text: [b.text, b.text], hoverinfo: "text",
        name: data.bottleneck_name, showlegend: i === 0, legendgroup: "bottlenecks",
        line: { color: "#ff0000", width: 9 }, opacity: 0.45 });
    });
    data.routes.forEach(function (r, i) {
      traces.push({ type: "scatter", mode: "lines+markers", x: r.lon, y: r.lat, name: r.name,
        line: { color: routeColours[i % routeColours.length], width: 4 }, marker: { size: 5 } });
    });
    traces.push({ type: "scatter", mode: "markers", x: data.nodes.lon, y: data.nodes.lat, text: data.nodes.text,
      hoverinfo: "text", name: data.nodes.name, marker: { size: 6, color: "#222" } });
    var layout = {
      margin: { l: 40, r: 10, t: 10, b: 40 }, showlegend: true, legend: { orientation: "h" },
      xaxis: { range: [0, 110], title: data.labels.lon, zeroline: false },
      yaxis: { range: [12, 62], title: data.labels.lat, scaleanchor: "x", scaleratio: 1.4, zeroline: false },
      plot_bgcolor: "#e8f1f8"
    };
    // No mode bar: it writes inline styles, which the CSP refuses; the map still zooms with the wheel and pans by drag.
    window.Plotly.newPlot(target, traces, layout, { responsive: true, displaylogo: false, displayModeBar: false, scrollZoom: true });
  }

  function drawChart() {
    var data = read("scenario-chart-data");
    var target = document.getElementById("scenario-chart");
    if (!data || !target || !window.Plotly) return;
    var traces = data.series.map(function (s) { return { type: "bar", name: s.name, x: s.x, y: s.y }; });
    window.Plotly.newPlot(target, traces, { barmode: "stack", title: { text: data.title },
      margin: { l: 40, r: 10, t: 40, b: 40 } }, { responsive: true, displaylogo: false, displayModeBar: false });
  }

  function start() { drawMap(); drawChart(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
