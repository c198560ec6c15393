"""Routes of the administration pages: audit."""

urlpatterns: list = []
