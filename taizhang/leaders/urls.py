"""URLs of 联系领导."""

from django.urls import path

from taizhang.leaders import views

urlpatterns = [
    path("leaders/", views.leader_list, name="leader_list"),
    path("leaders/mine/", views.leader_mine, name="leader_mine"),
    path("leaders/<int:leader_id>/", views.leader_link_edit, name="leader_link_edit"),
]
