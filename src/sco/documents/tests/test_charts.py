from hypothesis import given
from hypothesis import strategies as st

from sco.documents.charts import Bar, Segment, stacked_bars


def test_a_chart_has_one_rect_per_nonzero_segment_and_escapes_labels():
    svg = stacked_bars(
        [
            Bar("<Kazakhstan>", [Segment("done", 2, "ok"), Segment("open", 0, "open")]),
            Bar("China", [Segment("done", 1, "ok")]),
        ],
        title="By state",
    )
    assert svg.count("<rect") == 2
    assert "&lt;Kazakhstan&gt;" in svg and "<Kazakhstan>" not in svg


def test_an_empty_chart_still_renders():
    assert stacked_bars([], title="Nothing").startswith("<svg")


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=10))
def test_bars_never_overflow_the_plot(values):
    svg = stacked_bars([Bar(str(i), [Segment("v", v, "c")]) for i, v in enumerate(values)], title="t", width=600)
    import re

    for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg):
        assert float(x) + float(w) <= 600
