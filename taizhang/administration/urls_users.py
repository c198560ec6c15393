"""Routes of the administration pages: 管理首页, 用户管理 and 角色授权."""

from django.urls import path

from taizhang.administration.views import grants, home, people, signin_lock

urlpatterns = [
    path("manage/", home.admin_home, name="admin_home"),
    path("manage/users/", people.user_list, name="user_list"),
    path("manage/users/new/", people.user_create, name="user_create"),
    path("manage/users/<int:user_id>/", people.user_detail, name="user_detail"),
    path("manage/users/<int:user_id>/edit/", people.user_edit, name="user_edit"),
    path("manage/users/<int:user_id>/disable/", people.user_disable_view, name="user_disable"),
    path("manage/users/<int:user_id>/enable/", people.user_enable_view, name="user_enable"),
    path("manage/users/<int:user_id>/password/", grants.user_password_reset, name="user_password_reset"),
    path("manage/users/<int:user_id>/unlock/", signin_lock.user_unlock, name="user_unlock"),
    path(
        "manage/users/<int:user_id>/second-factor/reset/",
        signin_lock.user_second_factor_reset,
        name="user_second_factor_reset",
    ),
    path("manage/users/<int:user_id>/grants/", grants.user_grant, name="user_grant"),
    path(
        "manage/users/<int:user_id>/grants/<int:rolegrant_id>/revoke/",
        grants.user_grant_revoke,
        name="user_grant_revoke",
    ),
]
