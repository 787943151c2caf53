"""Horizontal bar charts as SVG, built on the server from escaped parts. No Django import, no script."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape


def bar_chart_svg(
    items: Sequence[tuple[str, int]], *, title: str, width: int = 560, bar_height: int = 22, label_width: int = 200
) -> str:
    """One bar per (label, count); the bar length is proportional to the largest count."""
    gap = 6
    height = max(1, len(items)) * (bar_height + gap) + 10
    top = max((count for _label, count in items), default=0) or 1
    room = width - label_width - 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="events-chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    ]
    for i, (label, count) in enumerate(items):
        y = 5 + i * (bar_height + gap)
        length = round(room * count / top)
        text = escape(label if len(label) <= 32 else label[:31] + "…")
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" font-size="13">{text}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="#2f6f8f">'
            f"<title>{text}: {count}</title></rect>"
            f'<text x="{label_width + length + 6}" y="{y + bar_height * 0.7:.1f}" font-size="13">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
