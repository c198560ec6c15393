"""Routes of the administration pages: users."""

urlpatterns: list = []
