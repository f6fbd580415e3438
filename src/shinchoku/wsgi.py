"""WSGI entry point for gunicorn or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shinchoku.settings")
application = get_wsgi_application()

# The digest of the code that names every kept page (lib/cache.py) is read when the server starts,
# not by its first request.
from shinchoku.lib.cache import code_digest  # noqa: E402

code_digest()
