"""The site's settings with database connection health checks switched off: the
control in test_faults.py that shows the health checks are what let the first
request after a PostgreSQL restart succeed."""

from engagement_site.settings import *  # noqa: F403

DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
