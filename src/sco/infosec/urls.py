from django.urls import path

from sco.infosec import keys_views, views

app_name = "infosec"

urlpatterns = [
    path("", views.index_page, name="index"),
    path("reports/new/", views.report_new_page, name="report_new"),
    path("objects/<str:stix_id>/", views.object_page, name="object"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("keys/", keys_views.keys_index, name="keys_index"),
    path("keys/<int:cert_id>/", keys_views.keys_page, name="keys"),
    path("keys/<int:cert_id>/<str:prefix>/revoke/", keys_views.key_revoke_view, name="key_revoke"),
    path("admins/", keys_views.admins_index, name="admins_index"),
    path("admins/<int:cert_id>/", keys_views.admins_page, name="admins"),
    path("admins/<int:cert_id>/<int:user_id>/remove/", keys_views.admin_remove_view, name="admin_remove"),
    path("jwks.json", views.jwks_view, name="jwks"),
]
