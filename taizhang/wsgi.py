"""WSGI entry point: ``gunicorn taizhang.wsgi`` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

from taizhang.lib.startup import ready_to_serve

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")

application = get_wsgi_application()
ready_to_serve()
