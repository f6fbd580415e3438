"""Django settings, driven by environment variables with a SQLite default.

SHINCHOKU_ENV        "development" (default) or "production"
SHINCHOKU_SECRET_KEY required in production
SHINCHOKU_DEBUG      "1" for developers (Django's technical error pages); off by default, even in
                     the demo, and always off in production
SHINCHOKU_ALLOWED_HOSTS comma-separated host names (production)
DATABASE_URL         sqlite:///path or postgres://user@host:port/name; default: a SQLite
                     file shinchoku.sqlite3 in the working directory
SHINCHOKU_EMAIL_URL  smtp://host:port, smtp+tls://user:password@host:587, console://;
                     unset: no mail is sent (docs/notifications.md)
SHINCHOKU_SITE_URL   the site's address for the links in mails, e.g. https://shinchoku.city.example
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from shinchoku.lib.mailurl import EmailUrlError, parse_email_url

PACKAGE_DIR = Path(__file__).resolve().parent


def env_flag(name: str, default: bool) -> bool:
    """Return an on/off environment variable, refusing anything but 1/0/true/false."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {raw!r}")


def env_int(name: str, default: int) -> int:
    """Return a whole-number environment variable, refusing anything else."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, not {raw!r}")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """Return an environment variable that must be one of choices."""
    value = os.environ.get(name) or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


ENVIRONMENT = env_choice("SHINCHOKU_ENV", "development", ("development", "production"))
PRODUCTION = ENVIRONMENT == "production"

SECRET_KEY = os.environ.get("SHINCHOKU_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SHINCHOKU_SECRET_KEY must be set when SHINCHOKU_ENV=production")
    SECRET_KEY = "django-insecure-development-only-not-for-production"

# Off unless a developer asks: with DEBUG on, a 404 lists every URL pattern to anyone (issue 17,
# finding 15). Static files are served by whitenoise either way.
DEBUG = False if PRODUCTION else env_flag("SHINCHOKU_DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SHINCHOKU_ALLOWED_HOSTS", "").split(",") if h.strip()]
if not PRODUCTION:
    ALLOWED_HOSTS += ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    # Django's admin with a site whose "view on site" is scoped like every admin page.
    "shinchoku.accounts.admin_apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # runserver leaves static files to whitenoise, as in production
    "django.contrib.staticfiles",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "shinchoku.accounts",
    "shinchoku.plans",
    "shinchoku.reports",
    "shinchoku.imports",
    "shinchoku.directory",
    "shinchoku.cases",
    "shinchoku.council",
    "shinchoku.operations",
    "shinchoku.outcomes",
    "shinchoku.lifecycle",
    "shinchoku.national",
    "shinchoku.opendata",
    "shinchoku.notifications",
    "ninja",
    "axes",
]
# A version in an object's history is read, never restored: a revert would change an entry around
# its workflow (version, events) and could move an object between organizations (issue 17).
# shinchoku.accounts.admin_site.HistoryScopedAdmin refuses the POST too; this setting hides the button.
SIMPLE_HISTORY_REVERT_DISABLED = True

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from STATIC_ROOT (`collectstatic`; `make run` does it) with DEBUG off, so the
    # demo needs no web server in front; with SHINCHOKU_DEBUG=1 straight from the source folders.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Typed text without control characters, before any view or form reads it (docs/security.md).
    "shinchoku.lib.typed_text.DropControlCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after the user is known, so that it sees every answer of the middleware below it too.
    "shinchoku.accounts.middleware.NoStoreUnlessPublic",
    "shinchoku.accounts.middleware.LoginRequiredOutsideApi",
    "django_otp.middleware.OTPMiddleware",
    "shinchoku.accounts.middleware.RequireSecondFactor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "shinchoku.accounts.middleware.AbsoluteSessionTimeout",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shinchoku.urls"
WSGI_APPLICATION = "shinchoku.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["shinchoku.lib.templatetags.wareki", "shinchoku.lib.templatetags.display"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{Path.cwd() / 'shinchoku.sqlite3'}",
        # Production keeps each app server's connection for a minute (no connection, no planning of
        # the same statements, per request); the development server opens one per request.
        # SHINCHOKU_CONN_MAX_AGE sets it (seconds), as `make bench` does to measure production's.
        conn_max_age=int(os.environ.get("SHINCHOKU_CONN_MAX_AGE") or (60 if PRODUCTION else 0)),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers otherwise fail with "database is locked" (SECURITY.md).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Computed pages and documents kept by a fingerprint of their rows (lib/cache.py, docs/deploy.md): in
# the database by default, so every app server shares them; its table is made by `shinchoku migrate`.
# SHINCHOKU_CACHE=locmem keeps them per process instead (one server; nothing written to the database).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "shinchoku_cache",
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
    }
}
# How long a download waits for a slow report file (PDF, PowerPoint) before the page says 作成中…
# and reloads itself until the file is ready (reports/documents.py).
DOCUMENT_WAIT_SECONDS = env_int("SHINCHOKU_DOCUMENT_WAIT", 1)
# A plan or progress file larger than this is checked and imported in the background, its page
# reloading itself until the preview or the result is ready (imports/background.py).
IMPORT_BACKGROUND_BYTES = env_int("SHINCHOKU_IMPORT_BACKGROUND_BYTES", 32 * 1024)
if env_choice("SHINCHOKU_CACHE", "database", ("database", "locmem")) == "locmem":
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 7 * 24 * 3600}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account, even with the right password
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout in two steps (accounts/lockout.py, docs/security.md): 5 failed logins of a user name
# from one address lock that name from that address; 20 failures of the name from anywhere lock
# it everywhere. A lock lasts 15 minutes, or until an administrator lifts it
# (`shinchoku axes_reset_username NAME`, or the admin's Axes pages). Never per address alone: a
# city's staff share one office NAT address, and locking it would lock out every department.
AXES_HANDLER = "shinchoku.accounts.lockout.TwoStepLockoutHandler"
AXES_FAILURE_LIMIT = 5
ACCOUNT_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
# The records a successful login clears: that name's from that address (the handler counts).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "shinchoku.accounts.lockout.client_address"
# Proxies in front of the app that append the client's address to X-Forwarded-For: 1 in
# production (nginx, docs/deploy.md), 0 when the app is reached directly (the demo).
TRUSTED_PROXY_COUNT = env_int("SHINCHOKU_PROXY_COUNT", 1 if PRODUCTION else 0)
SILENCED_SYSTEM_CHECKS: list[str] = []
AXES_RESET_ON_SUCCESS = True
# A failure while locked is not recorded: hammering neither extends a lock nor adds to the name's
# count, so locking a name everywhere takes four addresses.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

# Sessions end after 30 idle minutes, and in any case 10 hours after the login.
# TOTP second factor (an authenticator app) for the secretariat, administrators and case
# workers: on in production, off in the demo unless SHINCHOKU_REQUIRE_MFA says otherwise.
REQUIRE_MFA = env_flag("SHINCHOKU_REQUIRE_MFA", PRODUCTION)
OTP_TOTP_ISSUER = os.environ.get("SHINCHOKU_MFA_ISSUER", "shinchoku")

SESSION_COOKIE_AGE = 60 * int(os.environ.get("SHINCHOKU_IDLE_MINUTES", "30"))
# The idle limit slides: AbsoluteSessionTimeout saves a used session at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ABSOLUTE_SECONDS = 3600 * int(os.environ.get("SHINCHOKU_ABSOLUTE_HOURS", "10"))
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# A new account's set-password link (accounts/services.py) is valid for 72 hours, and once.
PASSWORD_RESET_TIMEOUT = 72 * 60 * 60
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("SHINCHOKU_STATIC_ROOT", Path.cwd() / "staticfiles"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "SHINCHOKU_ALLOWED_HOSTS must name the site's host when SHINCHOKU_ENV=production"
        )
    # Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("SHINCHOKU_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("SHINCHOKU_HSTS_PRELOAD", False)
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append(
            "security.W021"
        )  # preload is the city's decision (SHINCHOKU_HSTS_PRELOAD)

# Content-Security-Policy: nothing from another origin. Inline style attributes stay
# allowed (the figures' bars set their widths); scripts come only from our own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# E-mail (docs/notifications.md): queued in the step's transaction, sent by `shinchoku deliver_mail`.
SHINCHOKU_EMAIL_URL = os.environ.get("SHINCHOKU_EMAIL_URL", "")
try:
    _email = parse_email_url(SHINCHOKU_EMAIL_URL)  # refuses a value it cannot read, at start-up
except EmailUrlError as error:
    raise ImproperlyConfigured(str(error)) from None
if _email is not None:
    EMAIL_BACKEND = _email["backend"]
    EMAIL_HOST = _email.get("host", "localhost")
    EMAIL_PORT = _email.get("port", 25)
    EMAIL_HOST_USER = _email.get("username", "")
    EMAIL_HOST_PASSWORD = _email.get("password", "")
    EMAIL_USE_TLS = _email.get("use_tls", False)
    EMAIL_USE_SSL = _email.get("use_ssl", False)
    EMAIL_TIMEOUT = _email.get("timeout")
DEFAULT_FROM_EMAIL = os.environ.get("SHINCHOKU_EMAIL_FROM", "shinchoku@localhost")
SHINCHOKU_SITE_URL = os.environ.get("SHINCHOKU_SITE_URL", "http://localhost:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The JSON API (django-ninja): pages of 100 rows, 500 at most.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 500
