from django.urls import path

from sco.members import views

app_name = "members"
urlpatterns = [
    path("", views.state_list, name="index"),
    path("states/<str:code>/", views.state_detail, name="state"),
    path("chairmanships/", views.chairmanships, name="chairmanships"),
    path("bodies/", views.bodies, name="bodies"),
]
