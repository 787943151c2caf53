// Stacked bars of objects per week and type; the data is what the server counted for this viewer only.
document.addEventListener("DOMContentLoaded", function () {
  var series = JSON.parse(document.getElementById("infosec-series").textContent);
  var title = JSON.parse(document.getElementById("infosec-chart-title").textContent);
  var byType = {};
  series.forEach(function (p) {
    (byType[p.type] = byType[p.type] || { x: [], y: [], name: p.type, type: "bar" });
    byType[p.type].x.push(p.week);
    byType[p.type].y.push(p.n);
  });
  if (window.Plotly) {
    window.Plotly.newPlot("infosec-chart", Object.values(byType), { barmode: "stack", title: { text: title } },
      { displaylogo: false, displayModeBar: false, responsive: true });
  }
});
