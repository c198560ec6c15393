from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from taizhang import views
from taizhang.administration.views.signin import SignInView, second_factor_step
from taizhang.api.main import api

# A lock timeout that reaches the top answers 503 "busy, retry"; anything else the 500 page.
handler500 = "taizhang.lib.edges.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    # Public routes: keep in step with taizhang.lib.access.PUBLIC_ROUTES.
    path("login/", SignInView.as_view(), name="login"),
    path("login/second-factor/", second_factor_step, name="login_second_factor"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # set_language (/i18n/setlang/), password_reset, password_reset_confirm: administration/urls_profile.py
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # Pages: each app keeps its own urls.py; URL names are global (the nav and tests use them).
    path("", include("taizhang.plans.urls")),
    path("", include("taizhang.ledger.urls")),
    path("", include("taizhang.reports.urls")),
    path("", include("taizhang.dashboard.urls")),
    path("", include("taizhang.workbench.urls")),
    path("", include("taizhang.supervision.urls")),
    path("", include("taizhang.circulars.urls")),
    path("", include("taizhang.notifications.urls")),
    path("", include("taizhang.inspections.urls")),
    path("", include("taizhang.rectification.urls")),
    path("", include("taizhang.leaders.urls")),
    path("", include("taizhang.meetings.urls")),
    path("", include("taizhang.assessment.urls")),
    path("", include("taizhang.alerts.urls")),
    path("", include("taizhang.background.urls")),
    path("", include("taizhang.accountability.urls")),
    path("", include("taizhang.sources.urls")),
    path("", include("taizhang.appraisals.urls")),
    path("", include("taizhang.instructions.urls")),
    path("", include("taizhang.regulations.urls")),
    path("", include("taizhang.rulemaking.urls")),
    path("", include("taizhang.administration.urls")),
    path("api/v1/", api.urls),
]

if settings.ADMIN_ENABLED:
    from django.contrib import admin

    urlpatterns.append(path("admin/", admin.site.urls))
