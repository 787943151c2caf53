from django.urls import path

from sco.financing import views

app_name = "financing"

urlpatterns = [
    path("", views.index, name="index"),
    path("institutions/", views.institutions_page, name="institutions"),
    path("institutions/<slug:code>/", views.institution_page, name="institution"),
    path("projects/<int:project_id>/", views.project_page, name="project"),
    path("projects/<int:project_id>/tranches/", views.tranche_add_page, name="tranche_add"),
    path("projects/<int:project_id>/entries/", views.entry_record_page, name="entry_record"),
    path("projects/<int:project_id>/votes/", views.vote_open_page, name="vote_open"),
    path("entries/<int:entry_id>/reverse/", views.entry_reverse_page, name="entry_reverse"),
    path("votes/<int:vote_id>/ballot/", views.ballot_page, name="ballot"),
    path("votes/<int:vote_id>/close/", views.vote_close_page, name="vote_close"),
    path("rates/", views.rates_page, name="rates"),
    path("iati.xml", views.iati_export, name="iati"),
]
