"""WSGI entry point: ``gunicorn taizhang.wsgi`` or any WSGI server."""

import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")

application = get_wsgi_application()

# Django, the URLconf and every view it imports live as long as the process. Frozen, they are left out of
# the garbage collector's full collections, which otherwise walk some 100,000 of them (~30 ms) every ten
# requests or so: most of the plan ledger's p95. Forking servers also keep them shared between workers.
import_module(settings.ROOT_URLCONF)  # the views, now rather than on the first request
gc.freeze()
