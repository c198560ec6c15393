"""Routes of the administration pages: onboarding."""

urlpatterns: list = []
