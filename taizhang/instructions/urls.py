from django.urls import path

from taizhang.instructions import views

urlpatterns = [
    path("instructions/", views.instruction_list_view, name="instruction_list"),
    path("instructions/to-answer/", views.instruction_inbox, name="instruction_inbox"),
    path("instructions/<int:instruction_id>/", views.instruction_detail, name="instruction_detail"),
    path(
        "instructions/answers/<int:instruction_reply_id>/",
        views.instruction_answer_view,
        name="instruction_answer",
    ),
    path("follows/", views.follow_list_view, name="follow_list"),
    path("follows/<int:follow_id>/seen/", views.follow_seen, name="follow_seen"),
    path("follows/<int:follow_id>/remove/", views.unfollow_view, name="unfollow"),
]
# Write an instruction on, and follow, each kind of item: its own path, so the item's id is checked by its
# own selector (and the permission matrix fills it from its world).
for _kind, _prefix, _param in (
    ("task", "tasks", "task_id"),
    ("order", "supervision/orders", "order_id"),
    ("finding", "findings", "finding_id"),
    ("report", "reports", "report_id"),
):
    urlpatterns += [
        path(
            f"{_prefix}/<int:{_param}>/instruct/",
            views.instruction_write_view,
            {"kind": _kind},
            name=f"instruction_write_{_kind}",
        ),
        path(f"{_prefix}/<int:{_param}>/follow/", views.follow_view, {"kind": _kind}, name=f"follow_{_kind}"),
    ]
