from django.urls import path

from sco.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="index"),
    path("<int:decision_id>/", views.decision_detail, name="detail"),
    path("<int:decision_id>/positions/", views.position_record, name="record"),
    path("<int:decision_id>/extend/", views.decision_extend, name="extend"),
    path("<int:decision_id>/close/", views.decision_close, name="close"),
]
