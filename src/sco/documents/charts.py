"""Server-rendered SVG bar charts (pure, no Django, no JavaScript): stacked horizontal bars, one per row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Segment:
    label: str
    value: int
    css_class: str  # colour comes from the stylesheet, so charts follow the theme


@dataclass(frozen=True)
class Bar:
    label: str
    segments: Sequence[Segment]

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


def stacked_bars(
    bars: Sequence[Bar], *, title: str, width: int = 640, row_height: int = 26, label_width: int = 220
) -> str:
    """An accessible SVG: a <title>, and each segment's own <title> with its label and value."""
    bars = list(bars)
    top = 8
    height = top + row_height * max(1, len(bars)) + 8
    scale_max = max((b.total for b in bars), default=0) or 1
    plot = width - label_width - 50
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}"'
        f' width="100%" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = top + i * row_height
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        out.append(
            f'<text x="{label_width - 6}" y="{y + row_height * 0.65:.1f}" text-anchor="end" class="chart-label">'
            f"<title>{escape(bar.label)}</title>{escape(label)}</text>"
        )
        x = float(label_width)
        for seg in bar.segments:
            if seg.value <= 0:
                continue
            w = plot * seg.value / scale_max
            out.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_height - 8}"'
                f' class="{escape(seg.css_class)}">'
                f"<title>{escape(seg.label)}: {seg.value}</title></rect>"
            )
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + row_height * 0.65:.1f}" class="chart-value">{bar.total}</text>')
    if not bars:
        out.append(f'<text x="{width / 2}" y="{top + row_height * 0.65}" text-anchor="middle">—</text>')
    out.append("</svg>")
    return "".join(out)
