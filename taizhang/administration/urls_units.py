"""Routes of the administration pages: units."""

urlpatterns: list = []
