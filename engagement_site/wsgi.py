import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils.module_loading import import_string

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement_site.settings")
application = get_wsgi_application()
# Kept public pages are answered in front of Django (settings name the app by string).
application = import_string(settings.WSGI_FRONT_DOOR)(application)
