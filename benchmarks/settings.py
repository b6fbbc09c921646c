"""The site's own settings, with three things the benchmark needs to keep to itself.

Nothing about how the site behaves changes: only where collected static files
go (a temporary folder, not the project's `staticfiles/`), any file the CSS
refers to that the front-end build left out, and a key prefix in Redis, so the
benchmark's queue and cache never mix with anything else in the same database.
"""

import os

from engagement_site.settings import *  # noqa: F403
from engagement_site.settings import CACHES, CELERY_BROKER_TRANSPORT_OPTIONS, STATIC_ROOT, STATICFILES_DIRS

STATIC_ROOT = os.environ.get("BENCHMARK_STATIC_ROOT") or STATIC_ROOT
# Files the front-end build should have produced but did not (see benchmarks/run.py).
if os.environ.get("BENCHMARK_EXTRA_STATIC"):
    STATICFILES_DIRS = [*STATICFILES_DIRS, os.environ["BENCHMARK_EXTRA_STATIC"]]

_PREFIX = os.environ.get("BENCHMARK_REDIS_PREFIX", "bench:")
CELERY_BROKER_TRANSPORT_OPTIONS = {**CELERY_BROKER_TRANSPORT_OPTIONS, "global_keyprefix": _PREFIX}
CACHES = {name: {**conf, "KEY_PREFIX": _PREFIX} for name, conf in CACHES.items()}
