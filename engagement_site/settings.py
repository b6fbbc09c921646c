"""Settings for the engagement site.

Everything is read from the environment, with defaults that let a fresh clone
run with no set-up: SQLite, Celery tasks run in-process, email written to a
folder. Every variable is listed in the README and in .env.example.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state lives in var/ (SQLite database, emails written to files, media), made by `make setup`.


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# "production" switches on HTTPS-only behaviour and refuses the development key
# and an http:// SITE_URL. Unset or empty means development; any other value
# (a typo such as "prodution") is refused rather than run as development.
ENVIRONMENTS = ("development", "test", "production")
ENVIRONMENT = os.environ.get("DJANGO_ENV", "").strip().lower() or "development"
if ENVIRONMENT not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"DJANGO_ENV={ENVIRONMENT!r} is not known: use one of {', '.join(ENVIRONMENTS)} (or leave it unset)."
    )
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", False)

_DEV_SECRET_KEY = "development-only-key-not-for-production-use-0123456789"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _DEV_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random string of at least 50 characters.")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS to the site's host names.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "staff_accounts.admin_apps.StaffAdminConfig",  # Django admin with the staff sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "csp",
    # The site's shared rooms, then the features built on them (README "Architecture").
    "audit",
    "force",
    "outbox",
    "protected_forms",
    "staff_accounts",
    "personal_data",
    "form_drafts",
    "page_cache",
    "site_pages",
    "iag",
    "iag_work",
    "networks",
    "positive_action",
    "performance",
    "dispatch",
    "demo_data",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    # First: a page kept for visitors without a session is answered before the rest runs.
    "page_cache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "site_pages.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "site_pages.middleware.CookieConsentMiddleware",
    # Last: runs STAFF_AREA_MIDDLEWARE for requests to admin only.
    "staff_accounts.middleware.StaffAreaMiddleware",
]
# What only the staff area needs, so public pages do not pay for it: two-factor
# verification, the staff session limits, and sign-in lockout (axes, innermost:
# turns a locked-out sign-in into a 429).
STAFF_AREA_MIDDLEWARE = [
    "django_otp.middleware.OTPMiddleware",
    "staff_accounts.middleware.StaffSessionExpiryMiddleware",
    "axes.middleware.AxesMiddleware",
]
# axes looks for its middleware in MIDDLEWARE; it runs from STAFF_AREA_MIDDLEWARE instead
# (tests/security_accounts check the lockout still answers 429).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

ROOT_URLCONF = "engagement_site.urls"
WSGI_APPLICATION = "engagement_site.wsgi.application"
# Wraps the WSGI application: answers pages the page cache keeps before Django runs.
WSGI_FRONT_DOOR = "page_cache.wsgi.FrontDoor"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Template line numbers for coverage of templates (`make test` turns it on).
            "debug": env_bool("DJANGO_TEMPLATE_DEBUG", False),
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "site_pages.context_processors.site",
            ],
        },
    },
]

# Database: PostgreSQL when DATABASE_URL is set, otherwise a SQLite file.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_NAME", "") or BASE_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
            # A file, not memory, so a worker process in the tests sees the same data.
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_NAME", str(BASE_DIR / "var" / "test.sqlite3"))},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every web process), else in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "engagement_site.redis_clients.RedisCache",  # Django's, one client per process
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions live in the database so a cache outage never signs anyone out or loses a form.
SESSION_ENGINE = "protected_forms.sessions"  # database sessions, one statement per save
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", 60 * 60 * 8))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "site_pages.views.errors.csrf_failure"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff accounts. Admin needs a password and a code from an authenticator app
# (TOTP, django-otp); devices are made with `manage.py staff_totp <username>`.
ADMIN_REQUIRE_OTP = env_bool("DJANGO_ADMIN_REQUIRE_OTP", True)
ADMIN_URL_PREFIX = "/admin/"
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Engagement site admin")
# No admin page shows an existing device's key, QR code or otpauth:// link
# (and the device admin is for superusers only: staff_accounts/admin.py).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Sign-in failures are locked out by django-axes: an address or a username,
# after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "protected_forms.protection.client_address"  # X-Forwarded-For only from trusted proxies
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_VERBOSE = False
# A signed-in staff session ends after this long without an admin request,
# and this long after sign-in whatever happens.
SESSION_IDLE_TIMEOUT = int(os.environ.get("DJANGO_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_ABSOLUTE_TIMEOUT = SESSION_COOKIE_AGE

# Special category answers are encrypted at rest (Fernet). The key is derived
# from FIELD_ENCRYPTION_KEY (default: the SECRET_KEY) and SALT_KEY; old keys go in
# FIELD_ENCRYPTION_KEY_FALLBACKS (comma-separated) while the answers are re-saved.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY") or SECRET_KEY
FIELD_ENCRYPTION_KEY_FALLBACKS = env_list("FIELD_ENCRYPTION_KEY_FALLBACKS")
SALT_KEY = env_list("FIELD_ENCRYPTION_SALT") or ["engagement-site-special-category-v1"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Languages the site can be published in (a force in Wales must publish in Welsh). One is
# offered, with a switcher, only once its catalogue is compiled (locale/<code>/LC_MESSAGES/django.mo).
# The choice is kept in the URL (/cy/...), so no language cookie is needed.
PUBLISHABLE_LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LANGUAGES = [
    (code, name)
    for code, name in PUBLISHABLE_LANGUAGES
    if code == LANGUAGE_CODE or (LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.mo").exists()
]
# Choosing a language from the URL is needed only once there is a second one; until then
# the middleware would only cost every request (and add Vary: Accept-Language).
LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"
if len(LANGUAGES) > 1:
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1, LOCALE_MIDDLEWARE)
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Sources of the front-end build are not served.
WHITENOISE_KEEP_ONLY_HASHED_FILES = PRODUCTION
if not PRODUCTION:
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
# Uploaded files (network logos): local files on the embedded default; with
# MEDIA_S3_BUCKET set, an S3-compatible bucket that every web machine shares.
# The bucket stays private: files are served through the site's own views.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", "media"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Limits on what a request may carry; anything larger gets a plain 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
# Django's default. Admin posts one field per permission held by a staff member or group.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Email: written to files in var/sent-emails unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "sent-emails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@engagement.example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The site's own public address, used for links in emails. In development it
# follows the port `make run` serves on (PORT), so emailed links open this site.
LOCAL_SITE_URL = f"http://127.0.0.1:{os.environ.get('PORT', '').strip() or '8000'}"
SITE_URL = (os.environ.get("SITE_URL", "").strip() or ("" if PRODUCTION else LOCAL_SITE_URL)).rstrip("/")
if PRODUCTION and not (urlsplit(SITE_URL).scheme == "https" and urlsplit(SITE_URL).hostname):
    raise ImproperlyConfigured("Set SITE_URL to the site's public https:// address (emails link to it).")
# The diversity unit's mailbox: every staff alert goes here.
DIVERSITY_UNIT_EMAIL = os.environ.get("DIVERSITY_UNIT_EMAIL", "diversity.unit@engagement.example.org")
# Where "Leave this site" sends people: a neutral page that gives nothing away.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# Notification outbox.
NOTIFICATION_MAX_ATTEMPTS = int(os.environ.get("NOTIFICATION_MAX_ATTEMPTS", 6))
NOTIFICATION_RETRY_BASE_SECONDS = int(os.environ.get("NOTIFICATION_RETRY_BASE_SECONDS", 30))
# A notification claimed for sending longer ago than this is taken to belong to
# a worker that died, and is sent again by the sweeper.
NOTIFICATION_CLAIM_TIMEOUT_SECONDS = int(os.environ.get("NOTIFICATION_CLAIM_TIMEOUT_SECONDS", 300))
# A batch send plans on this many seconds per email and uses this share of the
# task's soft time limit; what does not fit goes back to be sent by the next task.
NOTIFICATION_SEND_SECONDS_PER_MESSAGE = float(os.environ.get("NOTIFICATION_SEND_SECONDS_PER_MESSAGE", 0.1))
NOTIFICATION_SEND_SHARE_OF_TIME_LIMIT = 0.5

# Spam protection: submissions allowed per client per form in the window.
FORM_RATE_LIMIT = int(os.environ.get("FORM_RATE_LIMIT", 20))
FORM_RATE_WINDOW_SECONDS = int(os.environ.get("FORM_RATE_WINDOW_SECONDS", 600))
# How many proxies in front of the site append to X-Forwarded-For; 0 trusts none.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

# Public pages that opt in (page_cache.decorators.cached_page) are kept rendered in each
# process for visitors without a session, bounded in bytes, least recently used first out.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", 32 * 1024 * 1024))
# The longest any cached page is kept (catches writes that send no signal: bulk loads).
PAGE_CACHE_MAX_AGE = float(os.environ.get("PAGE_CACHE_MAX_AGE", 60))
# How often each process reads the shared generation number bumped by content edits.
PAGE_CACHE_GENERATION_CHECK_SECONDS = float(os.environ.get("PAGE_CACHE_GENERATION_CHECK_SECONDS", 1))
# Saving or deleting one of these (in admin or anywhere) empties every process's page cache.
# What differs per visitor on a kept page, redone around it on every answer (their CSRF
# cookie, the visit-counting cookie); everything else the stack adds is kept with the page.
PAGE_CACHE_REPLAY_MIDDLEWARE = [
    "site_pages.middleware.CookieConsentMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
# Which visitors the front door in front of Django (page_cache.wsgi) may answer: those
# whose answer leaves their cookies as they are; the rest go through the replay above.
PAGE_CACHE_COOKIES_UNCHANGED = "site_pages.consent.cookies_unchanged"
PAGE_CACHE_CONTENT_MODELS = [
    "force.ForceProfile",
    "force.District",
    "force.EqualityObjective",
    "force.UnitResponsibility",
    "dispatch.Topic",  # the sign-up form's choices
    "networks.Category",
    "networks.Network",
    "iag.AdvisoryGroup",
    "iag.Community",
    "iag_work.Membership",  # names shown with consent
    "iag_work.Meeting",
    "iag_work.ScrutinyRecord",
    "iag_work.Theme",
    "iag_work.AdvicePoint",
    "positive_action.PreparationEvening",
    "positive_action.Buddy",
    "positive_action.Role",
    "positive_action.Characteristic",
    "positive_action.Group",
    "positive_action.WorkforceFigure",
    "positive_action.RepresentationStatement",
    "performance.Report",
    "performance.Section",
    "performance.Source",
    "performance.Table",
    "performance.Measure",
    "performance.MeasureRevision",
    "performance.Comparison",
]

# Cookies: the choice is kept for a year.
COOKIE_CONSENT_NAME = "cookies_policy"
COOKIE_CONSENT_MAX_AGE = 365 * 24 * 60 * 60
# The one non-essential cookie in the demo: a first-party, anonymous visit
# measure, set only after the person accepts.
ANALYTICS_COOKIE_NAME = "site_measure"
ANALYTICS_ENABLED = env_bool("ANALYTICS_ENABLED", True)

# Celery: Redis when REDIS_URL or CELERY_BROKER_URL is set; otherwise tasks run in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task is acknowledged only when it finishes
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # and re-queued if its worker dies
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Keep a worker's database connection between tasks: without this Celery's Django
# fix-up closes it around every task (a new connection per email). It is closed
# after this many tasks, and before a task when Django would close it after a
# request (an error on it, or CONN_MAX_AGE passed: engagement_site/celery.py).
CELERY_DB_REUSE_MAX = int(os.environ.get("CELERY_DB_REUSE_MAX", 1000))
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must fail fast when the broker is down: the outbox row is already
# saved and the sweeper sends it later, so the person's page is never held up.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT = "engagement_site.redis_clients:Transport"  # kombu's, one client per process
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 0,
}
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {"task": "outbox.tasks.notifications_sweep", "schedule": 60.0},
    # Reminders and offer deadlines live in the database; beat picks up what is due.
    "positive-action-reminders": {"task": "positive_action.tasks.reminders_send", "schedule": 900.0},
    "positive-action-offers-expire": {"task": "positive_action.tasks.offers_expire", "schedule": 300.0},
    # Asks each member whose term ends soon whether to renew (once per term).
    "iag-work-renewal-requests": {"task": "iag_work.tasks.renewal_requests_send", "schedule": 6 * 60 * 60},
    "iag-monitoring-snapshot": {"task": "iag.tasks.monitoring_snapshot_take_if_due", "schedule": 6 * 60 * 60},
    # Carries on any Dispatch send a dead worker interrupted (no email is sent twice).
    "dispatch-resume-sends": {"task": "dispatch.tasks.issues_resume", "schedule": 600.0},
    # Retention: every app's personal records past their periods (the *_RETENTION_DAYS settings),
    # expired form drafts, sessions and unconfirmed Dispatch sign-ups among them; hourly,
    # as drafts last only hours.
    "retention": {"task": "personal_data.tasks.retention_apply", "schedule": 60 * 60},
}

# Half-filled public forms (encrypted drafts) are deleted this long after their last save.
FORM_DRAFT_MAX_AGE_SECONDS = int(os.environ.get("FORM_DRAFT_MAX_AGE_SECONDS", 8 * 60 * 60))
# "Save and come back later": the emailed one-time link, and the draft behind it, last this many days.
FORM_DRAFT_RESUME_DAYS = int(os.environ.get("FORM_DRAFT_RESUME_DAYS", 7))

# Dispatch sign-ups never confirmed are deleted after this many days.
DISPATCH_UNCONFIRMED_MAX_AGE_DAYS = int(os.environ.get("DISPATCH_UNCONFIRMED_MAX_AGE_DAYS", 7))
DISPATCH_CONFIRMATION_MAX_AGE_HOURS = int(os.environ.get("DISPATCH_CONFIRMATION_MAX_AGE_HOURS", 48))
DISPATCH_SEND_BATCH_SIZE = int(os.environ.get("DISPATCH_SEND_BATCH_SIZE", 500))

# IAG applications that were decided or withdrawn are anonymised this many days after their last status change.
IAG_RETENTION_DAYS = int(os.environ.get("IAG_RETENTION_DAYS", 365))
# The equality monitoring totals page shows a snapshot, taken at most once a month and
# only after at least this many new applications since the last one.
IAG_MONITORING_SNAPSHOT_MIN_NEW = int(os.environ.get("IAG_MONITORING_SNAPSHOT_MIN_NEW", 20))

# Advisory groups at work (iag_work).
# A membership's term, from its start; renewal is asked this many days before it ends.
IAG_MEMBERSHIP_TERM_DAYS = int(os.environ.get("IAG_MEMBERSHIP_TERM_DAYS", 730))
IAG_RENEWAL_NOTICE_DAYS = int(os.environ.get("IAG_RENEWAL_NOTICE_DAYS", 60))
# Advice points without the force's response this many days after they were given are flagged in admin.
IAG_ADVICE_RESPONSE_TARGET_DAYS = int(os.environ.get("IAG_ADVICE_RESPONSE_TARGET_DAYS", 28))
# Ended memberships, and attendance at meetings that ended, are anonymised this many days later.
IAG_MEMBERSHIP_RETENTION_DAYS = int(os.environ.get("IAG_MEMBERSHIP_RETENTION_DAYS", 365))

# Retention of other personal data (days); see the retention table in README.
# Programme sign-ups are anonymised (equality answers deleted) this long after sign-up.
PAP_SIGNUP_RETENTION_DAYS = int(os.environ.get("PAP_SIGNUP_RETENTION_DAYS", 730))
# Preparation-evening bookings are anonymised this long after the evening ended.
PAP_BOOKING_RETENTION_DAYS = int(os.environ.get("PAP_BOOKING_RETENTION_DAYS", 90))
# Sent or failed outbox emails lose recipient and body this long after sending (or creation if never sent).
NOTIFICATION_RETENTION_DAYS = int(os.environ.get("NOTIFICATION_RETENTION_DAYS", 30))
# Website feedback is deleted this long after it was received.
FEEDBACK_RETENTION_DAYS = int(os.environ.get("FEEDBACK_RETENTION_DAYS", 365))
# Used one-time form tokens (FormSubmission) are deleted after this long.
FORM_SUBMISSION_RETENTION_DAYS = int(os.environ.get("FORM_SUBMISSION_RETENTION_DAYS", 30))
# Staff sign-in records (django-axes attempts, logs and failure logs) are deleted after this long.
STAFF_SIGN_IN_LOG_RETENTION_DAYS = int(os.environ.get("STAFF_SIGN_IN_LOG_RETENTION_DAYS", 90))
# The log of subject access and erasure requests (keyed hash only) is deleted after this long.
PRIVACY_REQUEST_LOG_RETENTION_DAYS = int(os.environ.get("PRIVACY_REQUEST_LOG_RETENTION_DAYS", 730))

# Positive Action Programme.
# A group is under-represented in a role when (share of workforce / share of population) is below this.
PAP_UNDER_REPRESENTATION_THRESHOLD = os.environ.get("PAP_UNDER_REPRESENTATION_THRESHOLD", "0.8")
PAP_OFFER_HOURS = int(os.environ.get("PAP_OFFER_HOURS", 48))  # how long a waiting-list offer is held
# Reminder emails, in whole days before each evening. PAP_REMINDER_LEAD_HOURS (the
# single reminder it replaces) still works while PAP_REMINDER_DAYS is unset.
_OLD_REMINDER_HOURS = os.environ.get("PAP_REMINDER_LEAD_HOURS")
PAP_REMINDER_DAYS = os.environ.get("PAP_REMINDER_DAYS") or (
    str(max(1, int(_OLD_REMINDER_HOURS) // 24)) if _OLD_REMINDER_HOURS else "7,1"
)
PAP_CANDIDATE_REFERENCE_PATTERN = os.environ.get("PAP_CANDIDATE_REFERENCE_PATTERN", r"^[A-Z]{3}[0-9]{6}$")
PAP_CANDIDATE_REFERENCE_EXAMPLE = os.environ.get("PAP_CANDIDATE_REFERENCE_EXAMPLE", "ABC123456")

# Forms render GOV.UK Frontend markup.
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Security headers. The policy is enforced; the fixed inline scripts are allowed by their
# sha256 hashes; site_pages.middleware builds the header once per process, so pages can be cached.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 63072000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
