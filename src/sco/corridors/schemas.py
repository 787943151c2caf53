"""The JSON shapes the corridors API takes in."""

from typing import Any

from ninja import Field, Schema


class ImportIn(Schema):
    format: str = Field("geojson", description="geojson, or csv (then nodes_csv and edges_csv)")
    geojson: dict[str, Any] | None = None
    nodes_csv: str = ""
    edges_csv: str = ""


class ChangesIn(Schema):
    changes: dict[str, Any]


class RouteParamsIn(Schema):
    value_of_time_usd_per_teu_h: float | None = None
    reliability_weight: float | None = None
    carbon_price_usd_per_t_co2: float | None = None
    tonnes_per_teu: float | None = None


class RouteIn(Schema):
    origin: str = Field(..., max_length=40)
    destination: str = Field(..., max_length=40)
    corridor: str = Field("", max_length=4)
    params: RouteParamsIn = RouteParamsIn()


class DemandIn(Schema):
    origin: str = Field(..., max_length=40)
    destination: str = Field(..., max_length=40)
    tonnes: float
    corridor: str = Field("", max_length=4)
    note: str = Field("", max_length=500)


class ScenarioEditIn(Schema):
    edge: str = Field(..., max_length=100)
    kind: str = Field(..., max_length=30)
    value: float = 0


class ScenarioIn(Schema):
    key: str = Field(..., max_length=60)
    year: int
    name_en: str = Field(..., max_length=200)
    name_ru: str = Field("", max_length=200)
    name_zh: str = Field("", max_length=200)
    demands: list[DemandIn] = Field(..., max_length=1000, description="at most 1,000; tonnes a year, at most 1e9")
    source: str = Field("", max_length=2000)
    confidence: str = "estimate"
    allow_unserved: bool = False
    shared: bool = False
    edits: list[ScenarioEditIn] = Field([], max_length=200)
    project_ids: list[int] = Field(
        [], max_length=200, description="projects taken in with their edits of the network (ones you may see)"
    )


class EditIn(Schema):
    edge: str = Field(..., max_length=100)
    kind: str
    value: float = 0
    note: str = ""
