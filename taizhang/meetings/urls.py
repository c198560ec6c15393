"""URLs of 联系会议."""

from django.urls import path

from taizhang.meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list_view, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/decisions/<int:decision_id>/order/", views.decision_order, name="meeting_decision_order"),
    path(
        "meetings/decisions/<int:decision_id>/finding/",
        views.decision_finding,
        name="meeting_decision_finding",
    ),
    path("meetings/files/<int:meeting_file_id>/", views.meeting_file_download, name="meeting_file_download"),
]
