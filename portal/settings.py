"""Settings for the supervision portal, read from the environment (see README, Configuration).

With nothing set the portal runs on the embedded default: SQLite under var/, Celery tasks executed
in-process and a local-memory cache. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis.
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int, env_list, env_str
from portal.spreadsheets import SafeCSV, SafeXLSX

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# Demo accounts and printed passwords exist only in DEBUG or with this explicit flag.
DEMO_MODE = env_bool("DEMO_MODE", DEBUG)

_INSECURE_DEV_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY") or (_INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

# Key of the blind indexes and sealed copies of ID numbers kept for conflict checks
# (directory/identity.py); previous keys are listed only while rotate_identity_hash_key runs.
_INSECURE_DEV_IDENTITY_KEY = "development-only-identity-hash-key-never-use-in-production"
IDENTITY_HASH_KEY = env_str("IDENTITY_HASH_KEY") or (_INSECURE_DEV_IDENTITY_KEY if DEBUG else "")
if not IDENTITY_HASH_KEY:
    raise ImproperlyConfigured("IDENTITY_HASH_KEY must be set when DEBUG is off.")
IDENTITY_HASH_PREVIOUS_KEYS = env_list("IDENTITY_HASH_PREVIOUS_KEYS", [])

# Key that encrypts each draw's secret until the draw reveals it (inspections/services/sealing.py).
_INSECURE_DEV_DRAW_KEY = "development-only-draw-secret-key-never-use-in-production"
DRAW_SECRET_KEY = env_str("DRAW_SECRET_KEY") or (_INSECURE_DEV_DRAW_KEY if DEBUG else "")
if not DRAW_SECRET_KEY:
    raise ImproperlyConfigured("DRAW_SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "portal",
    "directory",
    "notifications",
    "accounts",
    "cases",
    "inspections",
    "publicity",
    "monitoring",
    "cms",
    "reporting",
    "staffauth",
    "api",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "django_fsm",
    "rules",
    "pgtrigger",
    "import_export",
    "health_check",
    "captcha",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "benchmarks",  # `manage.py bench` (docs/PERFORMANCE.md)
]

MIDDLEWARE = [
    # First: the client address and request id that audit events record (portal.request_context).
    "portal.request_context.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.cache_headers.PrivateResponseMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Second factor and idle timeout for back-office sessions (staffauth.policy).
    "staffauth.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]
# The server `manage.py bench` starts, never production: it counts SQL statements per response
# and accepts the CAPTCHA answer "PASSED" (django-simple-captcha's test mode).
BENCH_SERVER = env_bool("BENCH_SERVER", False)
if BENCH_SERVER:
    MIDDLEWARE.insert(0, "benchmarks.middleware.CountQueriesMiddleware")
    CAPTCHA_TEST_MODE = True

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.portal_contacts",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not USING_POSTGRES:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # SQLite for concurrent requests: readers never block the writer (WAL), a writer waits up to
    # 20 s for the lock (busy timeout), and a transaction takes the write lock when it begins
    # (IMMEDIATE), so two transactions that read then write cannot deadlock into "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })
else:
    # Short queries: compiling a plan above jit_above_cost took longer than running it (45 ms of a
    # 130 ms back-office count at a million cases, docs/PERFORMANCE.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# PostgreSQL: the least-privilege role the application connects as (README, Security). When set,
# every `migrate` (run as the owner role) re-applies its grants (portal.db_roles).
DB_RUNTIME_ROLE = env_str("DB_RUNTIME_ROLE")

# --- Cache, Celery --------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Tolerates a Redis outage (portal.cache): filing and transitions go on without it.
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered fragments that only change with the code (a blank public form's fields): per process.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments",
                       "TIMEOUT": None}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Embedded default: no broker, tasks run in-process at the moment they are queued.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues a task while Redis is down gives up quickly; the outbox sweep and the
# draw sweep pick the work up when the broker is back.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
# Personal data: the filer's identity on cases ended more than this many years ago is erased by
# a nightly task or `manage.py anonymise_filers` (cases.services.retention).
CASE_FILER_RETENTION_YEARS = env_int("CASE_FILER_RETENTION_YEARS", 5)
# A draw still running this long after its (re)start is queued again, at most this many times,
# then the plan is marked failed (inspections.services.draw_recovery).
DRAW_STALE_MINUTES = env_int("DRAW_STALE_MINUTES", 30)
DRAW_MAX_REQUEUES = env_int("DRAW_MAX_REQUEUES", 2)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Wagtail's own background work (search and reference indexing) stays on django-tasks' immediate
# backend; the portal's jobs are Celery tasks.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "wagtailadmin_login"
# Back-office sessions end after this many minutes without a request (staffauth.middleware).
STAFF_IDLE_TIMEOUT_MINUTES = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30)
# The issuer shown in authenticator apps next to the account name.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "公共资源交易监督平台")
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
# Lock one account from one address (a nested list is an AND): an attacker at one address cannot
# lock out the whole office behind it, nor lock the rightful user out from anywhere else.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind reverse proxies, the client address comes from X-Forwarded-For (portal.http.client_ip).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "portal.http.client_ip"
RATELIMIT_IP_META_KEY = "portal.http.client_ip"
AXES_LOCKOUT_TEMPLATE = "cases/public/lockout.html"  # translated page instead of axes' English text

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Filers' evidence and inspection evidence: outside MEDIA_ROOT, no URL (portal.storage).
PRIVATE_FILES_ROOT = Path(env_str("PRIVATE_FILES_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Optional ClamAV scan of every upload (portal.uploads): a clamd UNIX socket or host and port.
CLAMD_SOCKET = env_str("CLAMD_SOCKET")
CLAMD_HOST = env_str("CLAMD_HOST")
CLAMD_PORT = env_int("CLAMD_PORT", 3310)
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail and SMS -------------------------------------------------------------------------
# In development the messages the portal sends (the demo seeding alone sends hundreds) go to files
# under var/outbox/ instead of flooding the console; production configures real backends.
OUTBOX_DIR = VAR_DIR / "outbox"
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend" if DEBUG else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = str(OUTBOX_DIR / "mail")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@portal.example.cn")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SMS_BACKEND = env_str("SMS_BACKEND", "portal.sms.FileSmsBackend" if DEBUG else "portal.sms.ConsoleSmsBackend")
SMS_FILE_PATH = str(OUTBOX_DIR / "sms.log")

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "公共资源交易监督平台")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_USER_LOGIN_FORM = "staffauth.forms.StaffLoginForm"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "txt", "csv", "zip"]

# --- Import/export --------------------------------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Exports never carry live formulas (portal.spreadsheets).
IMPORT_EXPORT_FORMATS = [SafeCSV, SafeXLSX]
# Django admin import/export need the model's add/view permission, not just a staff account.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail overrides it for its own preview frames
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "portal.sessions"  # the database store, one query less per new session

# Content-Security-Policy (django-csp): no inline script or style anywhere, public site and back
# office alike; scripts and styles come from static files. A template that truly needs an inline
# block marks it with nonce="{{ request.csp_nonce }}". Frames only from this origin (Wagtail's
# preview); no plug-ins; forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "frame-src": [SELF],
    },
}
# Public forms' CAPTCHA (django-simple-captcha): large dark upright characters without look-alikes
# on white, two light lines of noise, no blur; a text question is the alternative for anyone who
# cannot read it (portal.captcha). Long forms take time: a challenge lasts 30 minutes.
CAPTCHA_CHALLENGE_FUNCT = "portal.captcha.legible_characters"
CAPTCHA_NOISE_FUNCTIONS = ("portal.captcha.light_noise",)
CAPTCHA_FILTER_FUNCTIONS = ()
CAPTCHA_LENGTH = 4
CAPTCHA_FONT_SIZE = 40
CAPTCHA_IMAGE_SIZE = (180, 72)  # fits the widest four characters (WWWW, 168 px); one size for every challenge
CAPTCHA_LETTER_ROTATION = (-8, 8)
CAPTCHA_FOREGROUND_COLOR = "#102a43"
CAPTCHA_BACKGROUND_COLOR = "#ffffff"
CAPTCHA_TIMEOUT = 30
# The back office makes no calls to outside hosts, which the policy would block anyway.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# --- Integration API (api/) ----------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ClientTokenAuthentication",
        "api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle", "api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "client": env_str("API_CLIENT_RATE", "1200/hour"),
        "anonymous": env_str("API_ANONYMOUS_RATE", "600/hour"),
    },
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DATETIME_FORMAT": "iso-8601",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Supervision portal API",
    "DESCRIPTION": "Integration API of the public-resource trading supervision portal: intake of complaints "
                   "and reports, tracking, trading data, disclosures, verifiable draws and quarterly statistics. "
                   "Errors are RFC 9457 problem details (application/problem+json).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema.only_api_endpoints"],
}
# A batch of OCDS releases larger than this is imported by a Celery task; the caller polls a job.
API_RELEASES_INLINE_LIMIT = env_int("API_RELEASES_INLINE_LIMIT", 50)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# --- Periodic tasks (celery beat) --------------------------------------------------------------
# Each app may define BEAT_SCHEDULE in <app>/schedule.py (plain data, no model imports).
# `manage.py run_periodic_tasks` runs them all once, for the embedded default or cron.
PROJECT_APPS = ("directory", "notifications", "accounts", "cases", "inspections", "publicity", "monitoring", "cms", "reporting", "staffauth", "api")
CELERY_BEAT_SCHEDULE = {}
for _label in PROJECT_APPS:
    if find_spec(f"{_label}.schedule") is not None:
        CELERY_BEAT_SCHEDULE.update(import_module(f"{_label}.schedule").BEAT_SCHEDULE)
