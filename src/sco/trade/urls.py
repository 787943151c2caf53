from django.urls import path

from sco.trade import views

app_name = "trade"

urlpatterns = [
    path("", views.dashboard_page, name="index"),
    path("members/<str:code>/", views.member_page, name="member"),
    path("pairs/<str:a>/<str:b>/", views.pair_page, name="pair"),
    path("indicators/", views.indicators_page, name="indicators"),
    path("imports/", views.imports_page, name="imports"),
    path("data.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("data.parquet", views.download, {"fmt": "parquet"}, name="parquet"),
]
