"""WSGI entry point: ``gunicorn taizhang.wsgi`` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")

application = get_wsgi_application()
