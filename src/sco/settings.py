"""Settings for the SCO Cooperation Platform, read from the environment.

DATABASE_URL  default: a SQLite file under var/
REDIS_URL     optional: a shared cache across app servers
SECRET_KEY    default: generated once and kept in var/secret_key (fine for one machine, set it past one)
SCO_AUDIT_KEY default: generated once and kept in var/audit_key (the audit chain's HMAC key, outside the database)
SCO_AUDIT_CHECKPOINT_FILE  default: var/audit-checkpoints/checkpoints.jsonl (signed heads of the audit chain)
DEBUG         default: false
ALLOWED_HOSTS default: 127.0.0.1,localhost
SCO_BASE_URL  default: http:// and SCO_BIND (127.0.0.1:8000): how links in e-mails and calendar feeds begin
SCO_HTTPS     default: false; true in production behind HTTPS (HSTS, secure cookies, redirect to HTTPS)
"""

import hashlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SCO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _plotly_js_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("plotly")
    assert spec is not None and spec.origin is not None, "plotly is a dependency (pyproject.toml)"
    return Path(spec.origin).parent / "package_data"


def _audit_key() -> str:
    """The audit chain's HMAC key: kept outside the database, so that writing to the database is not enough to forge
    the trail. SCO_AUDIT_KEY, or generated once into var/audit_key (back it up apart from the database)."""
    if key := os.environ.get("SCO_AUDIT_KEY"):
        return key
    path = VAR_DIR / "audit_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
SCO_AUDIT_KEY = _audit_key()
# Signed checkpoints of the audit chain's head (`sco audit checkpoint`), outside the database: keep the file on
# storage the database's users cannot write, or ship it off the machine.
SCO_AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("SCO_AUDIT_CHECKPOINT_FILE", VAR_DIR / "audit-checkpoints" / "checkpoints.jsonl")
)
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [f"http://{h}:8000" for h in ALLOWED_HOSTS if h != "testserver"]

# Every part of the platform, in the order their dependencies point (see DESIGN.md).
SCO_PARTS = [
    "core",
    "members",
    "decisions",
    "projects",
    "documents",
    "events",
    "financing",
    "corridors",
    "trade",
    "infosec",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "axes",
    "csp",
    *[f"sco.{part}" for part in SCO_PARTS],
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # after the (lazy) session and user, before anything reads the token, the session or the body
    "sco.core.middleware.ApiGuardMiddleware",
    "sco.core.middleware.ApiTokenMiddleware",
    "sco.core.middleware.PrivateCacheMiddleware",
    "sco.members.middleware.PermissionFactsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sco.core.doors.ScoErrorMiddleware",
    # last, as django-axes asks: it answers a locked-out sign-in with sco.core.throttle.lockout_response
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sco.urls"
WSGI_APPLICATION = "sco.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["sco.core.templatetags.sco"],
        },
    }
]

DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sco.sqlite3'}"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; the timeout waits for the writer instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
    # PostgreSQL's JIT compiled the platform's larger queries before reading a row (308 ms on the signed-in home
    # page at 100,000 projects, issue #16) and none of them gains from it: off for the platform's connections.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get("PG_OPTIONS", "-c jit=off")
# Several checkouts on one machine share one PostgreSQL: each gets a test database of its own.
DATABASES["default"]["TEST"] = {"NAME": f"test_sco_{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]}"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# The second signs people in; its sessions read the user through the shared cache (core.kept_users).
AUTHENTICATION_BACKENDS = ["sco.core.throttle.ThrottledBackend", "sco.core.kept_users.KeptModelBackend"]
# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one account, or from one address,
# sign-in is paused for AXES_COOLOFF_TIME (a failure during the pause starts it again); the admin login too.
AXES_FAILURE_LIMIT = int(os.environ.get("SCO_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SCO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sco.core.throttle.lockout_response"
AXES_VERBOSE = False
# Behind a reverse proxy, set SCO_PROXY_COUNT to the number of proxies so the client's own address is used.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("SCO_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

CACHES: dict[str, dict[str, object]]
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
else:
    # Shared by every worker process on this machine (a per-process cache would let one worker serve what another's
    # write made stale); past one machine, set REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "sco.core.caches.FileCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "TIMEOUT": 600,
        }
    }

LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["sco.formats"]
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("zh-hans", _("Chinese"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Plotly's own JavaScript, from the installed package (no CDN): {% static "vendor/plotly/plotly.min.js" %}.
STATICFILES_DIRS = [SRC_DIR / "static", ("vendor/plotly", _plotly_js_dir())]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Bodies larger than this are refused before they are read (413 problem+json on the API).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The one limit for an uploaded file (documents' texts, projects' attachments; the OpenAPI says the same).
SCO_MAX_UPLOAD_BYTES = int(os.environ.get("SCO_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
SCO_TOKEN_DEFAULT_DAYS = 90

# Links that leave the page (e-mails, iCalendar URL:) are absolute; RFC 5545 wants a URI there.
SCO_BIND = os.environ.get("SCO_BIND", "127.0.0.1:8000")
SCO_BASE_URL = os.environ.get("SCO_BASE_URL", "").rstrip("/") or f"http://{SCO_BIND}"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = "platform@sco.example"

# Content-Security-Policy (django-csp): our own origin only, no inline script or style anywhere (page scripts live
# in static files and take their data from json_script). Plotly and htmx are served from here too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Two inline styles Plotly applies while drawing the trade pages' charts, allowed by their hashes alone (no
        # unsafe-inline): the empty style and one fixed style string (hashes read from the browser's CSP report).
        "style-src": [
            "'self'",
            "'unsafe-hashes'",
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
            "'sha256-AR/cKIZjWPcPmBUPDA6oti9XBiTbJvz0Cro2J1VzzS8='",
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Production over HTTPS, behind one switch (README, "Running in production"): SCO_HTTPS=true turns on the redirect to
# HTTPS, HSTS, secure cookies and trusts the proxy's X-Forwarded-Proto.
SCO_HTTPS = _env_bool("SCO_HTTPS")
if SCO_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SCO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SCO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_bool("SCO_HSTS_PRELOAD")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if h != "testserver"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

NINJA_PAGINATION_CLASS = "sco.core.pagination.ScoPagination"
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 200

# LOG_LEVEL applies to what the console prints, not only to the root logger: Django's own "django" logger (whose
# "django.request" warns of every 4xx answer) sets its own level and reaches the console through the root.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# ---------------------------------------------------------------------------------------------------------------------
# Operations past one process (issue 11, items 9-11): background jobs, several app servers, read replicas, faults.
# Kept in one block; docs/DEPLOYMENT.md describes every variable read here.
#
# REDIS_URL              the Celery broker, the shared cache and the session cache (several app servers, one Redis)
# SCO_CACHE_PREFIX       prefix of every cache and broker key in Redis (several platforms or test runs on one Redis)
# DATABASE_REPLICA_URLS  comma-separated PostgreSQL read replicas; reads where staleness is safe go there
# SCO_REPLICA_PIN_SECONDS after a write, that client reads from the primary for this long (default 10)
# PG_CONNECT_TIMEOUT     seconds to wait for PostgreSQL to accept a connection (default 3): a page waits no longer
# SCO_TASKS_INLINE       run background tasks in the calling process (tests, or a one-process install without a worker)
# SCO_BASE_URL           the public address, for links written by background jobs
# CSRF_TRUSTED_ORIGINS   the public origins behind a reverse proxy, e.g. https://sco.example.org
# TRUST_X_FORWARDED_PROTO true behind a proxy that terminates TLS and sets X-Forwarded-Proto
# ---------------------------------------------------------------------------------------------------------------------

# Background jobs on Celery: Redis as the broker when there is one; otherwise kombu's filesystem transport under
# VAR_DIR, so that `make run` needs no server. Tasks leave no results: every job writes what it does to the database.
CELERY_BROKER_DIR = VAR_DIR / "broker"
if redis_url:
    CELERY_BROKER_URL = redis_url
    # every broker key under the same prefix as the cache's, so that two installations can share one Redis
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "visibility_timeout": 3600,
        "global_keyprefix": os.environ.get("SCO_CACHE_PREFIX", "sco") + ":celery:",
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    for _folder in ("queue", "processed", "control"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = _env_bool("SCO_TASKS_INLINE")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a job a dying worker was running is run again (every job is safe to run twice)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = "UTC"

# Sessions live in the database (every server reads the same) and are read through the shared cache (Redis when
# there is Redis, under one prefix; else the file cache every process on this machine shares): a signed-in request
# then reads its session without a query, and a cache that lost it falls back to the database.
if redis_url:
    CACHES["default"]["KEY_PREFIX"] = os.environ.get("SCO_CACHE_PREFIX", "sco")
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Read replicas: `sco.core.replicas.ReplicaRouter` sends reads to them only where a stale answer is safe (see there).
DATABASE_REPLICAS: list[str] = []
for _n, _url in enumerate(u.strip() for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()):
    _alias = f"replica{_n}"
    DATABASES[_alias] = {
        **dj_database_url.parse(_url),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "ATOMIC_REQUESTS": False,
        "TEST": {"MIRROR": "default"},  # the test run reads its replicas from the test database itself
    }
    DATABASE_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["sco.core.replicas.ReplicaRouter"] if DATABASE_REPLICAS else []
SCO_REPLICA_PIN_SECONDS = int(os.environ.get("SCO_REPLICA_PIN_SECONDS", "10"))

# Faults: PostgreSQL that does not answer makes a page wait PG_CONNECT_TIMEOUT seconds at most, then 503.
for _db in DATABASES.values():
    if _db["ENGINE"] != "django.db.backends.sqlite3":
        _db.setdefault("OPTIONS", {})["connect_timeout"] = int(os.environ.get("PG_CONNECT_TIMEOUT", "3"))
        _db["CONN_HEALTH_CHECKS"] = True  # a kept connection the server dropped is replaced, not failed on
MIDDLEWARE.append("sco.core.faults.DatabaseUnavailableMiddleware")
if DATABASE_REPLICAS:
    _at = MIDDLEWARE.index("sco.core.middleware.ApiGuardMiddleware")
    MIDDLEWARE.insert(_at, "sco.core.replicas.ReplicaReadsMiddleware")
# Where the platform is reached from outside: links in files written by background jobs (exports, e-mail).
SCO_BASE_URL = os.environ.get("SCO_BASE_URL", "http://127.0.0.1:8000")
# Behind a reverse proxy (docs/DEPLOYMENT.md): the public origins, and whether to believe its X-Forwarded-Proto.
if _origins := os.environ.get("CSRF_TRUSTED_ORIGINS"):
    CSRF_TRUSTED_ORIGINS = [o.strip() for o in _origins.split(",") if o.strip()]
if _env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
