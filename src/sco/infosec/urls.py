from django.urls import path

from sco.infosec import views

app_name = "infosec"

urlpatterns = [
    path("", views.index_page, name="index"),
    path("reports/new/", views.report_new_page, name="report_new"),
    path("objects/<str:stix_id>/", views.object_page, name="object"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("jwks.json", views.jwks_view, name="jwks"),
]
