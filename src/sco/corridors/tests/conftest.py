from __future__ import annotations

from typing import Any

import pytest

from sco.corridors import demo, selectors


@pytest.fixture
def corridor_network(db: Any) -> None:
    """The shipped network and the demo scenarios, loaded through the part's own demo loader."""
    selectors.forget_cache()
    demo.load_network()
    demo.load_scenarios()
    yield
    selectors.forget_cache()
