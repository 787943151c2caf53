"""TAXII 2.1 lives at /taxii2/ (the discovery URL the spec fixes), mounted by sco/urls.py. Every path ends in '/'."""

from django.urls import path, re_path

from sco.infosec import taxii

urlpatterns = [
    path("", taxii.discovery, name="taxii_discovery"),
    path("<str:root>/", taxii.api_root, name="taxii_api_root"),
    path("<str:root>/status/<str:status_id>/", taxii.status, name="taxii_status"),
    path("<str:root>/collections/", taxii.collections, name="taxii_collections"),
    path("<str:root>/collections/<str:collection_id>/", taxii.collection, name="taxii_collection"),
    path("<str:root>/collections/<str:collection_id>/objects/", taxii.objects, name="taxii_objects"),
    path("<str:root>/collections/<str:collection_id>/manifest/", taxii.manifest, name="taxii_manifest"),
    path("<str:root>/collections/<str:collection_id>/objects/<str:object_id>/", taxii.object_view, name="taxii_object"),
    path(
        "<str:root>/collections/<str:collection_id>/objects/<str:object_id>/versions/",
        taxii.versions,
        name="taxii_versions",
    ),
    path(
        "<str:root>/collections/<str:collection_id>/objects/<str:object_id>/signatures/",
        taxii.signatures,
        name="taxii_signatures",
    ),
    # anything else under /taxii2/ answers in the TAXII error shape, not Django's HTML page
    re_path(r"^.*$", taxii.not_found, name="taxii_not_found"),
]
