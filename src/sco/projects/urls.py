from django.urls import path

from sco.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/oc4ids.json", views.oc4ids_json, name="oc4ids"),
    path("open-data/projects.csv", views.csv_export, name="csv"),
    path("<int:project_id>/", views.detail, name="detail"),
    path("<int:project_id>/edit/", views.edit, name="edit"),
    path("<int:project_id>/step/", views.step, name="step"),
    path("<int:project_id>/join/", views.join, name="join"),
    path("<int:project_id>/invitations/", views.invite, name="invite"),
    path(
        "<int:project_id>/invitations/<int:invitation_id>/answer/",
        views.answer_invitation,
        name="answer_invitation",
    ),
    path("<int:project_id>/screening/", views.screening, name="screening"),
    path("<int:project_id>/comments/", views.comments, name="comments"),
    path("<int:project_id>/comments/<int:comment_id>/hide/", views.hide_comment, name="hide_comment"),
    path("<int:project_id>/appraisal/", views.appraisal, name="appraisal"),
    path("<int:project_id>/versions/", views.versions, name="versions"),
    path("<int:project_id>/attachments/", views.upload, name="upload"),
    path("<int:project_id>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("<int:project_id>/follow/", views.follow, name="follow"),
]
