from django.urls import path

from taizhang.alerts import views

urlpatterns = [
    path("alerts/", views.alert_list_view, name="alert_list"),
    path("alerts/refresh/", views.alert_refresh_view, name="alert_refresh"),
    path("alerts/<int:alert_id>/", views.alert_detail, name="alert_detail"),
    path("alerts/<int:alert_id>/explain/", views.alert_explain_view, name="alert_explain"),
    path("alerts/<int:alert_id>/close/", views.alert_close_view, name="alert_close"),
    path("alerts/talks/", views.talk_list_view, name="talk_list"),
    path("alerts/talks/new/", views.talk_create_view, name="talk_create"),
]
