from django.urls import URLPattern, path

from sco.documents import views

app_name = "documents"
urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:document_id>/", views.detail, name="detail"),
    path("<int:document_id>/upload/", views.upload, name="upload"),
    path("<int:document_id>/circulate/", views.circulate, name="circulate"),
    path("<int:document_id>/relate/", views.relate, name="relate"),
    path("<int:document_id>/adoption/", views.put_to_adoption, name="put_to_adoption"),
    path("<int:document_id>/adoption/<int:decision_id>/close/", views.close_procedure, name="close_procedure"),
    path("<int:document_id>/participation/", views.participation, name="participation"),
    path("<int:document_id>/reservation/", views.reservation, name="reservation"),
    path("<int:document_id>/commitments/", views.commitment_create, name="commitment_create"),
    path("<int:document_id>/text/<str:lang>/", views.text, name="text"),
    path("<int:document_id>/text/<str:lang>/propose/", views.propose, name="propose"),
    path("<int:document_id>/text/<str:lang>/apply/", views.apply, name="apply"),
    path("<int:document_id>/text/<str:lang>/diff/", views.diff, name="diff"),
    path("proposals/<int:proposal_id>/decide/", views.decide, name="decide"),
    path("commitments/<int:commitment_id>/report/", views.report, name="report"),
]
