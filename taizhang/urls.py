from django.conf import settings
from django.urls import path

from taizhang import views

urlpatterns = [
    path("", views.home, name="home"),
]

if settings.ADMIN_ENABLED:
    from django.contrib import admin

    urlpatterns.append(path("admin/", admin.site.urls))
