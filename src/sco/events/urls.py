from django.urls import path

from sco.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list_page, name="index"),
    path("month/", views.month_page, name="month"),
    path("week/", views.week_page, name="week"),
    path("new/", views.event_create_page, name="create"),
    path("feed.ics", views.feed_view, name="feed"),
    path("my.ics", views.my_feed_view, name="my_feed"),
    path("delegation/", views.delegation_page, name="delegation"),
    path("programme/", views.overview_current, name="overview_current"),
    path("programme/<int:chairmanship_id>/", views.overview_page, name="overview"),
    path("<int:event_id>/", views.event_page, name="detail"),
    path("<int:event_id>.ics", views.event_feed_view, name="event_feed"),
    path("<int:event_id>/edit/", views.event_edit_page, name="edit"),
    path("<int:event_id>/sessions/new/", views.session_create_page, name="session_create"),
    path("<int:event_id>/sessions/<int:session_id>/remove/", views.session_remove_view, name="session_remove"),
    path("<int:event_id>/register/", views.register_view, name="register"),
    path("<int:event_id>/participants/", views.participants_page, name="participants"),
    path("<int:event_id>/badges.csv", views.badges_csv, name="badges"),
    path("<int:event_id>/outcomes/", views.outcome_create_page, name="outcomes"),
    path("<int:event_id>/outcomes/<int:link_id>/edit/", views.outcome_edit_page, name="outcome_edit"),
    path("<int:event_id>/outcomes/<int:link_id>/remove/", views.outcome_remove_view, name="outcome_remove"),
    path("<int:event_id>/follow-ups/<int:item_id>/edit/", views.follow_up_edit_page, name="follow_up_edit"),
    path("<int:event_id>/follow-ups/<int:item_id>/done/", views.follow_up_done_view, name="follow_up_done"),
    path("<int:event_id>/follow-ups/<int:item_id>/remove/", views.follow_up_remove_view, name="follow_up_remove"),
    path("registrations/<int:registration_id>/decide/", views.decide_view, name="decide"),
    path("registrations/<int:registration_id>/withdraw/", views.withdraw_view, name="withdraw"),
]
