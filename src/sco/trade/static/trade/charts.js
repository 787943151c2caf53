// Draws the charts a trade page describes in its "trade-charts" JSON block (Plotly, served from the installed package).
(function () {
  function draw() {
    var block = document.getElementById("trade-charts");
    if (!block || !window.Plotly) return;
    var charts = JSON.parse(block.textContent);
    charts.forEach(function (c) {
      var el = document.getElementById(c.id);
      if (!el) return;
      var traces;
      if (c.kind === "heatmap") {
        traces = [{ type: "heatmap", x: c.x, y: c.y, z: c.z, colorscale: "Blues", hoverongaps: false }];
      } else {
        traces = c.series.map(function (s) {
          return c.kind === "bar"
            ? { type: "bar", name: s.name, x: c.x, y: s.y }
            : { type: "scatter", mode: "lines+markers", name: s.name, x: c.x, y: s.y };
        });
      }
      var layout = { title: { text: c.title, font: { size: 14 } }, barmode: "group", margin: { t: 40, l: 60, r: 10, b: 80 },
                     height: c.kind === "heatmap" ? 420 : 320, legend: { orientation: "h" } };
      // No mode bar: it writes inline styles, which the CSP refuses.
      window.Plotly.newPlot(el, traces, layout, { displaylogo: false, displayModeBar: false, responsive: true });
      el.setAttribute("data-drawn", "1");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
