from django.urls import path

from sco.infosec import views

app_name = "infosec"

urlpatterns = [
    path("", views.index_page, name="index"),
    path("jwks.json", views.jwks_view, name="jwks"),
]
