"""Routes of the administration pages: onboarding (人员导入)."""

from django.urls import path

from taizhang.administration.views import onboarding

urlpatterns = [
    path("manage/onboarding/", onboarding.onboarding_import_page, name="onboarding_import"),
    path("manage/onboarding/passwords/", onboarding.onboarding_passwords, name="onboarding_passwords"),
    path("manage/onboarding/template/", onboarding.onboarding_template, name="onboarding_template"),
]
