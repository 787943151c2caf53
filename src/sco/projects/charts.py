"""A server-rendered SVG bar chart of the yearly cash flows. Pure module (no Django): every text is escaped here."""

from __future__ import annotations

from html import escape

from sco.projects.appraisal import CashFlowTable

WIDTH, HEIGHT, PAD = 720, 260, 40


def cash_flow_svg(table: CashFlowTable, *, title: str, labels: tuple[str, str] = ("financial", "economic")) -> str:
    """Two bars a year (financial and economic net flow), a zero line, and the cumulative economic flow."""
    fin = table.financial_net
    eco = table.economic_net
    n = len(fin)
    cumulative: list[float] = []
    running = 0.0
    for v in eco:
        running += v
        cumulative.append(running)
    values = fin + eco + cumulative + [0.0]
    top, bottom = max(values), min(values)
    span = (top - bottom) or 1.0
    plot_h = HEIGHT - 2 * PAD

    def y(v: float) -> float:
        return PAD + (top - v) / span * plot_h

    slot = (WIDTH - 2 * PAD) / max(n, 1)
    bar = max(1.0, slot * 0.38)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{y(0):.1f}" y2="{y(0):.1f}" class="axis" stroke="#555"/>',
    ]
    for i, row in enumerate(table.rows):
        x = PAD + i * slot
        for j, (value, css, fill) in enumerate(((fin[i], "fin", "#2b6cb0"), (eco[i], "eco", "#38a169"))):
            y0, y1 = sorted((y(0), y(value)))
            parts.append(
                f'<rect class="{css}" x="{x + j * bar:.1f}" y="{y0:.1f}" width="{bar:.1f}" '
                f'height="{max(y1 - y0, 0.5):.1f}" fill="{fill}"><title>{row.year}: {value:,.0f}</title></rect>'
            )
        if n <= 30 or i % max(1, n // 15) == 0:
            parts.append(
                f'<text x="{x + bar:.1f}" y="{HEIGHT - PAD + 14}" font-size="10" text-anchor="middle">{row.year}</text>'
            )
    points = " ".join(f"{PAD + i * slot + bar:.1f},{y(v):.1f}" for i, v in enumerate(cumulative))
    parts.append(f'<polyline points="{points}" fill="none" stroke="#c05621" stroke-width="2" class="cumulative"/>')
    parts.append(f'<text x="{PAD}" y="{PAD - 12}" font-size="11">{escape(f"{top:,.0f}")}</text>')
    parts.append(f'<text x="{PAD}" y="{HEIGHT - PAD + 28}" font-size="11">{escape(f"{bottom:,.0f}")}</text>')
    parts.append("</svg>")
    return "".join(parts)
