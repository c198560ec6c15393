"""A URL conf with one view that checks nothing, to show the deny-by-default walk would catch it."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def open_view(request, plan_id):
    return HttpResponse(f"plan {plan_id}")


urlpatterns = [
    path("open/<int:plan_id>/", open_view, name="open"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
]
