from django.urls import path

from taizhang.sources import views

urlpatterns = [
    path("sources/petitions/", views.petition_list, name="petition_list"),
    path("sources/petitions/new/", views.petition_create, name="petition_create"),
    path("sources/petitions/<int:petition_id>/", views.petition_detail, name="petition_detail"),
    path("sources/petitions/<int:petition_id>/check/", views.petition_check, name="petition_check"),
    path("sources/petitions/<int:petition_id>/conclude/", views.petition_conclude, name="petition_conclude"),
    path("sources/polls/", views.poll_list, name="poll_list"),
    path("sources/polls/new/", views.poll_create, name="poll_create"),
    path("sources/polls/<int:poll_id>/", views.poll_detail, name="poll_detail"),
]
# 转化: the same three actions on a petition and on a poll.
for _into in ("finding", "rectification", "case"):
    urlpatterns += [
        path(
            f"sources/petitions/<int:petition_id>/to-{_into}/",
            views.petition_convert,
            {"into": _into},
            name=f"petition_to_{_into}",
        ),
        path(
            f"sources/polls/<int:poll_id>/to-{_into}/",
            views.poll_convert,
            {"into": _into},
            name=f"poll_to_{_into}",
        ),
    ]
