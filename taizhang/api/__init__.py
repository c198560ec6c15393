"""The JSON API (django-ninja), mounted at ``/api/v1/``. See ``taizhang.api.main``."""
