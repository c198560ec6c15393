from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from taizhang import views
from taizhang.api.main import api
from taizhang.ledger import views as ledger_views
from taizhang.plans import views as plan_views

urlpatterns = [
    path("", views.home, name="home"),
    # Public routes: keep in step with taizhang.lib.access.PUBLIC_ROUTES.
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language
    path("healthz", views.healthz, name="healthz"),
    # Pages.
    path("tasks/", ledger_views.my_tasks, name="my_tasks"),
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("api/v1/", api.urls),
]

if settings.ADMIN_ENABLED:
    from django.contrib import admin

    urlpatterns.append(path("admin/", admin.site.urls))
