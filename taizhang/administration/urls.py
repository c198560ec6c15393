"""Routes of the administration pages, one module per area so each grows on its own."""

from django.urls import include, path

urlpatterns = [
    path("", include("taizhang.administration.urls_users")),
    path("", include("taizhang.administration.urls_units")),
    path("", include("taizhang.administration.urls_onboarding")),
    path("", include("taizhang.administration.urls_audit")),
    path("", include("taizhang.administration.urls_profile")),
]
