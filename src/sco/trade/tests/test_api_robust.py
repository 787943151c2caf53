from __future__ import annotations

from typing import Any

import pytest

WEIRD = [
    "/api/v1/trade/summary?year=-1",
    "/api/v1/trade/summary?year=99999&set=nonsense",
    "/api/v1/trade/summary?set=fixed&members=KAZ",
    "/api/v1/trade/summary?set=fixed&members=%00&members=CHN",
    "/api/v1/trade/summary?dataset=%F0%9F%98%80&reporter=%00",
    "/api/v1/trade/summary?reporter=" + "K" * 500,
    "/api/v1/trade/pairs/KAZ/KAZ",
    "/api/v1/trade/pairs/KAZ/CHN?dataset=nope",
    "/api/v1/trade/members/%00/series",
    "/api/v1/trade/published?reporter=MN",
    "/api/v1/trade/data.csv?dataset=nope",
    "/api/v1/trade/data.csv?year=abcd&reporter=%27%3B",
    "/api/v1/trade/imports?page=0",
]


def test_the_openapi_schema_builds_with_the_trade_endpoints(api: Any) -> None:
    schema = api.get_json("/api/v1/openapi.json").json()
    assert any(path.startswith("/api/v1/trade/") for path in schema["paths"])


@pytest.mark.parametrize("url", WEIRD)
def test_odd_requests_are_answered_without_a_500(shipped: Any, api: Any, url: str) -> None:
    assert api.get_json(url).status_code < 500, url


def test_a_pair_of_one_state_is_not_found(shipped: Any, api: Any) -> None:
    assert api.get_json("/api/v1/trade/pairs/KAZ/KZ").status_code == 404
