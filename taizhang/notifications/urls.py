from django.urls import path

from taizhang.notifications import views

urlpatterns = [
    path("inbox/", views.notification_inbox, name="notification_inbox"),
    path("inbox/badge/", views.notification_badge, name="notification_badge"),
    path("inbox/read-all/", views.notification_read_all, name="notification_read_all"),
    path("inbox/<int:notification_id>/read/", views.notification_read, name="notification_read"),
]
