from django.urls import path

from sco.corridors import views

app_name = "corridors"

urlpatterns = [
    path("", views.index, name="index"),
    path("routes/save/", views.route_save, name="route_save"),
    path("edges/", views.edge_list, name="edges"),
    path("scenarios/", views.scenario_list, name="scenarios"),
    path("scenarios/new/", views.scenario_create, name="scenario_create"),
    path("scenarios/<slug:key>/", views.scenario_detail, name="scenario"),
    path("scenarios/<slug:key>/share/", views.scenario_share, name="scenario_share"),
    path("edges/<str:code>/edit/", views.edge_edit, name="edge_edit"),
    path("projects/<int:project_id>/edits/", views.project_edit_add, name="project_edit_add"),
    path(
        "projects/<int:project_id>/edits/<int:edit_id>/delete/", views.project_edit_remove, name="project_edit_remove"
    ),
]
