from sco.events.charts import bar_chart_svg


def test_a_chart_has_one_bar_per_item_and_escapes_labels():
    svg = bar_chart_svg([("Summit", 2), ("<script>", 1)], title="By category")
    assert svg.count("<rect") == 2
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'width="310"' in svg  # the largest count gets the whole room: 560 - 200 - 50


def test_an_empty_chart_is_still_an_svg():
    assert bar_chart_svg([], title="Nothing").startswith("<svg")
