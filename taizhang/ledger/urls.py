from django.urls import path

from taizhang.ledger import views

urlpatterns = [
    path("tasks/", views.my_tasks, name="my_tasks"),
]
