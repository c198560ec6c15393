"""The one settings module. Every knob a deployment may turn is an environment variable read here.

Deployment variables: TAIZHANG_DEBUG, TAIZHANG_SECRET_KEY, TAIZHANG_ALLOWED_HOSTS,
TAIZHANG_CSRF_TRUSTED_ORIGINS, TAIZHANG_DATA_DIR, DATABASE_URL, TAIZHANG_HTTPS, TAIZHANG_TRUSTED_PROXIES,
TAIZHANG_HSTS_*, TAIZHANG_ADMIN, TAIZHANG_LOG_LEVEL, TAIZHANG_STATIC_COLLECTED, TAIZHANG_WORKERS,
TAIZHANG_THREADS (``taizhang serve``), TAIZHANG_EMAIL_* (SMTP), TAIZHANG_WEBHOOK_*, TAIZHANG_SITE_URL;
TAIZHANG_MULTI_HOST, TAIZHANG_DB_POOL_*, TAIZHANG_REPLICA_URL, TAIZHANG_STORAGE and TAIZHANG_S3_*;
TAIZHANG_KEY / TAIZHANG_KEY_FILE (the 国密 keyring) are read by ``taizhang.lib.keys`` when first needed.
Rule variables (the ``TAIZHANG_*`` constants at the end) keep their defaults unless a region decides
otherwise.

Any variable may instead be given as a file: ``NAME_FILE=/run/secrets/name`` reads the value from that file
(trailing newline dropped), so secrets (the key, ``DATABASE_URL``, SMTP and robot passwords) can come from
Docker/systemd credentials rather than the environment. Setting both ``NAME`` and ``NAME_FILE`` is an error.
"""

import contextlib
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_raw(name: str) -> str | None:
    """``NAME`` from the environment, else the content of the file ``NAME_FILE`` names, else None."""
    value, file = os.environ.get(name), os.environ.get(f"{name}_FILE")
    if file is None:
        return value
    if value is not None:
        raise ImproperlyConfigured(f"set {name} or {name}_FILE, not both")
    try:
        return Path(file).read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as exc:
        raise ImproperlyConfigured(f"{name}_FILE: cannot read {file}: {exc.strerror or exc}") from None


def env_str(name: str, default: str = "") -> str:
    value = env_raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_raw(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value not in _TRUE | _FALSE:
        raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off, not {raw!r}")
    return value in _TRUE


def env_int(name: str, default: int) -> int:
    raw = env_raw(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """Comma-separated values, blanks dropped."""
    raw = env_raw(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("TAIZHANG_DATA_DIR", "var")).resolve()


def _own_dir(path: Path) -> Path:
    """Create ``path`` (and its parents) if missing, itself owner-only (0700): the database, the key and
    the uploaded files live under it. One that exists keeps the modes its operator gave it."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)  # the umask can only narrow it
    return path


def _own_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only (0600) if missing; SQLite then opens it as a new database and
    gives its -wal and -shm files the same mode."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path


DEBUG = env_bool("TAIZHANG_DEBUG", False)


def _secret_key() -> str:
    """TAIZHANG_SECRET_KEY, else a random key made once per installation and kept in the data dir.

    An intranet install has no secret store; a per-install file beats a shared default key.
    """
    if key := env_str("TAIZHANG_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        import secrets

        _own_dir(DATA_DIR)
        key = secrets.token_urlsafe(50)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as f:
            f.write(key)
        return key


# Several app servers (a province): TAIZHANG_MULTI_HOST=1 says this host is one of several behind a proxy.
# What every host must share is then required here rather than discovered as broken sessions or seals:
# one PostgreSQL, the secret key (TAIZHANG_SECRET_KEY or _FILE, not the per-host generated one) and the
# keyring (TAIZHANG_KEY or TAIZHANG_KEY_FILE, not the per-host development one). docs/scaling.md.
MULTI_HOST = env_bool("TAIZHANG_MULTI_HOST", False)


def multi_host_problems(environ=os.environ) -> list[str]:
    """Why this configuration cannot run on several hosts (empty: it can). Read from ``environ``."""
    problems = []
    if not (environ.get("DATABASE_URL") or environ.get("DATABASE_URL_FILE")):
        problems.append("DATABASE_URL must name the PostgreSQL every host shares (SQLite is one host's)")
    if not (environ.get("TAIZHANG_SECRET_KEY") or environ.get("TAIZHANG_SECRET_KEY_FILE")):
        problems.append(
            "TAIZHANG_SECRET_KEY or TAIZHANG_SECRET_KEY_FILE must give every host the same key "
            "(a key generated per host signs sessions the other hosts refuse)"
        )
    if not (environ.get("TAIZHANG_KEY") or environ.get("TAIZHANG_KEY_FILE")):
        problems.append(
            "TAIZHANG_KEY_FILE (or TAIZHANG_KEY) must give every host the same keyring "
            "(a per-host keyring seals what the other hosts cannot check)"
        )
    return problems


if MULTI_HOST and (_problems := multi_host_problems()):
    raise ImproperlyConfigured(
        "TAIZHANG_MULTI_HOST=1 / 多台服务器部署缺少共享配置: " + "; ".join(_problems) + " (docs/scaling.md)"
    )

SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("TAIZHANG_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("TAIZHANG_CSRF_TRUSTED_ORIGINS", [])

# Django's admin writes without services or audit entries, so it is off unless a deployment asks for it.
ADMIN_ENABLED = env_bool("TAIZHANG_ADMIN", False)

INSTALLED_APPS = [
    *(["django.contrib.admin"] if ADMIN_ENABLED else []),
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "taizhang.audit",
    "taizhang.units",
    "taizhang.files",
    "taizhang.accounts",
    "taizhang.background",
    "taizhang.plans",
    "taizhang.ledger",
    "taizhang.reports",
    "taizhang.regulations",
    "taizhang.inspections",
    "taizhang.supervision",
    "taizhang.leaders",
    "taizhang.meetings",
    "taizhang.rectification",
    "taizhang.rulemaking",
    "taizhang.circulars",
    "taizhang.notifications",
    "taizhang.appraisals",
    "taizhang.assessment",
    "taizhang.alerts",
    "taizhang.accountability",
    "taizhang.sources",
    "taizhang.instructions",
    "taizhang.dashboard",
    "taizhang.workbench",
    "taizhang.jobs",
    "taizhang.administration",
    "taizhang.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every answer; no-store on every answer to a signed-in request.
    "taizhang.lib.headers.SecurityHeadersMiddleware",
    # Bad input at the edge: 413 for a body too large, 422 for a NUL, 503 when SQLite stays locked.
    # Its process_view parses the body before CsrfViewMiddleware's does, so the refusal is its own.
    "taizhang.lib.edges.BadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # 安全审计: every 403 (any layer below, the API too) and every attachment sent, recorded with the person.
    "taizhang.accounts.access_audit.AccessAuditMiddleware",
    # After AuthenticationMiddleware: a signed-in person's stored language comes before the cookie.
    "taizhang.lib.i18n.ChineseFirstLocaleMiddleware",
    # 会话超时: an idle or too old session ends here, before deny-by-default sends it to the login page.
    "taizhang.accounts.idle.SessionTimeoutMiddleware",
    # Deny by default: anonymous visitors reach only taizhang.lib.access.PUBLIC_ROUTES.
    "taizhang.lib.access.LoginRequiredMiddleware",
    # An initial or reset password: the person changes it before anything else (the API answers 403).
    "taizhang.accounts.middleware.PasswordChangeRequiredMiddleware",
    # 双因素: a role that must use a second factor reaches nothing before enrolling one (the API answers 403).
    "taizhang.accounts.second_factor.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "taizhang.audit.context.AuditSourceMiddleware",
    # Read-heavy pages may read the replica (TAIZHANG_REPLICA_URL); a write pins its client to the primary.
    "taizhang.lib.replica.ReplicaPinMiddleware",
]

ROOT_URLCONF = "taizhang.urls"
WSGI_APPLICATION = "taizhang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "taizhang.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite in the data directory unless DATABASE_URL names PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL")
# PostgreSQL connections: persistent per thread (CONN_MAX_AGE) by default; with TAIZHANG_DB_POOL_MAX > 0 a
# psycopg pool per process instead (Django's "pool" option), which caps a gthread worker's connections at
# MAX however many threads it runs (docs/scaling.md, "Connections").
DB_POOL_MIN = env_int("TAIZHANG_DB_POOL_MIN", 2)
DB_POOL_MAX = env_int("TAIZHANG_DB_POOL_MAX", 0)
DB_POOL_TIMEOUT = env_int("TAIZHANG_DB_POOL_TIMEOUT", 10)
if DB_POOL_MAX and not 0 <= DB_POOL_MIN <= DB_POOL_MAX:
    raise ImproperlyConfigured("TAIZHANG_DB_POOL_MIN must be between 0 and TAIZHANG_DB_POOL_MAX.")


def postgres_database(url: str) -> dict:
    """A DATABASES entry for ``url``, pooled or persistent as the TAIZHANG_DB_POOL_* settings say."""
    if not DB_POOL_MAX or not url.startswith(("postgres:", "postgresql:", "pgsql:")):
        return dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    entry = dj_database_url.parse(url, conn_max_age=0)  # the pool keeps connections, not Django
    pool = {"min_size": DB_POOL_MIN, "max_size": DB_POOL_MAX, "timeout": DB_POOL_TIMEOUT}
    entry.setdefault("OPTIONS", {})["pool"] = pool
    return entry


# A read replica (TAIZHANG_REPLICA_URL): the read-heavy selectors named in taizhang.lib.replica read from
# it on requests that follow no write of their own; everything else stays on "default".
REPLICA_URL = env_str("TAIZHANG_REPLICA_URL")
REPLICA_PIN_SECONDS = env_int("TAIZHANG_REPLICA_PIN_SECONDS", 30)
if REPLICA_URL and not DATABASE_URL:
    raise ImproperlyConfigured("TAIZHANG_REPLICA_URL needs DATABASE_URL (a replica of PostgreSQL).")
if DATABASE_URL:
    DATABASES = {"default": postgres_database(DATABASE_URL)}
    if REPLICA_URL:
        # In tests the replica is the test database itself (a second connection to it).
        DATABASES["replica"] = {**postgres_database(REPLICA_URL), "TEST": {"MIRROR": "default"}}
        DATABASE_ROUTERS = ["taizhang.lib.replica.PrimaryReplicaRouter"]
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _own_file(_own_dir(DATA_DIR) / "taizhang.sqlite3"),
            # Kept open between a thread's requests, as PostgreSQL's are: opening one costs each request
            # some 2 ms of CPU (the pragmas, Django's functions, reading the schema) and loses the
            # connection's prepared statements (decisions, "Throughput per core").
            "CONN_MAX_AGE": env_int("TAIZHANG_SQLITE_CONN_MAX_AGE", 600),
            "OPTIONS": {
                # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at BEGIN, so
                # two writers queue on busy_timeout instead of failing with "database is locked" mid-way.
                # A write still waiting after busy_timeout answers 503 "busy, retry" (lib.edges). 5 s: with
                # IMMEDIATE transactions no write of 32 concurrent writers failed (benchmarks writers);
                # the long jobs write in short batches, so a longer wait would only hide a stuck writer.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA busy_timeout={env_int('TAIZHANG_SQLITE_BUSY_MS', 5000)};",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Every sign-in passes the lockout and the per-address throttle before any password is hashed.
AUTHENTICATION_BACKENDS = ["taizhang.accounts.signin_guard.GuardedModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    # Only for passwords the system generates (accounts.hashers); never the default.
    "taizhang.accounts.hashers.GeneratedPasswordHasher",
]
# 口令策略 (GB/T 22239 level 3): at least 10 characters mixing 3 of the 4 classes (lower, upper, digit,
# other) by default; both numbers can be raised (or, for a test installation, lowered) from the environment.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("TAIZHANG_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "taizhang.accounts.passwords.CharacterClassesValidator",
        "OPTIONS": {"min_classes": env_int("TAIZHANG_PASSWORD_MIN_CLASSES", 3)},
    },
    {
        "NAME": "taizhang.accounts.passwords.PasswordHistoryValidator",
        "OPTIONS": {"count": env_int("TAIZHANG_PASSWORD_HISTORY", 5)},
    },
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language chosen with the switch in the page header is remembered for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static files are vendored in the package and served by WhiteNoise; the intranet has no CDN. Finders let
# `make demo` and the tests serve them without a collectstatic step. A production install runs
# `taizhang collectstatic` (the install and `taizhang upgrade` do) and says so with
# TAIZHANG_STATIC_COLLECTED=1: then the files carry their hash in their name, are served from STATIC_ROOT
# compressed (gzip) and cached for ten years (`immutable`), and `taizhang serve` refuses to start while
# the manifest is missing rather than answer every page with a 500.
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # vendor/ (htmx, ECharts) and taizhang/ (app.css)
STATIC_ROOT = DATA_DIR / "static"
STATIC_COLLECTED = env_bool("TAIZHANG_STATIC_COLLECTED", False) and not DEBUG
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED

# Request bodies (lib.edges answers 413 past them): a form or JSON body without files, its number of
# fields, and a whole request with files (each file also meets its own TAIZHANG_EVIDENCE_MAX_BYTES).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("TAIZHANG_BODY_MAX_BYTES", 2_621_440)  # Django's 2.5 MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("TAIZHANG_BODY_MAX_FIELDS", 1000)
TAIZHANG_REQUEST_MAX_BYTES = env_int("TAIZHANG_REQUEST_MAX_BYTES", 100 * 1024 * 1024)

# Uploaded files (plan sources, evidence) live under the data directory. MEDIA_URL stays unset and no URL
# serves MEDIA_ROOT: every download goes through a view whose selector checks the user's scope. taizhang.files
# stores through the "default" storage only, so object storage is a change of its BACKEND here.
MEDIA_ROOT = DATA_DIR / "files"
# TAIZHANG_STORAGE=s3: the files live in an S3-compatible object store (MinIO on the intranet) through
# django-storages (the `s3` extra), so every app server reads what any of them wrote. Nothing in the code
# opens a path: taizhang.files, the plan import's waiting files and the circulars go through the storage API.
STORAGE = env_str("TAIZHANG_STORAGE", "local")


def _verify(raw: str) -> bool | str:
    """TAIZHANG_S3_VERIFY: 1 (the system's CAs), 0 (no check: a test bench only) or a CA bundle's path."""
    if raw.strip().lower() in _TRUE | {""}:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    if not Path(raw).is_file():
        raise ImproperlyConfigured(f"TAIZHANG_S3_VERIFY: no CA bundle at {raw}")
    return raw


def s3_storage_options() -> dict:
    """The S3Storage options of the TAIZHANG_S3_* variables (docs/scaling.md)."""
    options = {
        "endpoint_url": env_str("TAIZHANG_S3_ENDPOINT_URL") or None,
        "bucket_name": env_str("TAIZHANG_S3_BUCKET"),
        "access_key": env_str("TAIZHANG_S3_ACCESS_KEY") or None,
        "secret_key": env_str("TAIZHANG_S3_SECRET_KEY") or None,
        "region_name": env_str("TAIZHANG_S3_REGION", "us-east-1"),
        # MinIO answers at http://host:9000/bucket/name, not at bucket.host.
        "addressing_style": env_str("TAIZHANG_S3_ADDRESSING_STYLE", "path"),
        "verify": _verify(env_str("TAIZHANG_S3_VERIFY", "1")),
        "location": env_str("TAIZHANG_S3_PREFIX").strip("/"),
        # Django's semantics, as on disk: saving under a taken name picks another name, never overwrites.
        "file_overwrite": False,
        "default_acl": None,  # the bucket's policy: private
        "querystring_auth": True,  # no file is ever served by URL; every download goes through a view
    }
    if not options["bucket_name"]:
        raise ImproperlyConfigured("TAIZHANG_STORAGE=s3 needs TAIZHANG_S3_BUCKET.")
    if options["addressing_style"] not in {"path", "virtual", "auto"}:
        raise ImproperlyConfigured("TAIZHANG_S3_ADDRESSING_STYLE must be path, virtual or auto.")
    return options


if STORAGE == "local":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE == "s3":
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options()}
else:
    raise ImproperlyConfigured(f"TAIZHANG_STORAGE must be local or s3, not {STORAGE!r}.")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COLLECTED
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
# A cache shared by every app server: the database's (its table is made by `migrate`, jobs.apps). Nothing
# correctness-relevant is cached today (sessions, the sign-in lockout and the tick's lease are rows of their
# own); this keeps a later cache use from being per process without anyone noticing.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "taizhang_cache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # Django's default, said here: never per process

# Owner-only at rest: the web server's user alone reads the stored files.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Transport and headers. Intranet deployments may run plain HTTP. TAIZHANG_HTTPS=1 says the site is served
# over HTTPS, directly or behind a TLS-terminating proxy: cookies Secure, HSTS, plain HTTP redirected (but
# /healthz and /readyz, which a load balancer may probe over HTTP).
HTTPS = env_bool("TAIZHANG_HTTPS", False)
# The proxies in front (addresses or networks): only from them are X-Forwarded-For (the client's address,
# taizhang.lib.client_ip) and X-Forwarded-Proto (the request came over HTTPS) believed. The application
# must then be reachable through them alone (bound to 127.0.0.1 or a firewalled port).
TAIZHANG_TRUSTED_PROXIES = env_list("TAIZHANG_TRUSTED_PROXIES", [])
for _proxy in TAIZHANG_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TAIZHANG_TRUSTED_PROXIES: {_proxy!r} is no address or network") from None
if TAIZHANG_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("TAIZHANG_HSTS_SECONDS", 365 * 24 * 60 * 60) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TAIZHANG_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("TAIZHANG_HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS

# `taizhang serve` (gunicorn): worker processes and threads in each; 0 = from the machine's cores
# (taizhang.administration.server.default_workers).
TAIZHANG_WORKERS = env_int("TAIZHANG_WORKERS", 0)
TAIZHANG_THREADS = env_int("TAIZHANG_THREADS", 0)
if min(TAIZHANG_WORKERS, TAIZHANG_THREADS) < 0:
    raise ImproperlyConfigured("TAIZHANG_WORKERS and TAIZHANG_THREADS must be 0 (from the cores) or more.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("TAIZHANG_LOG_LEVEL", "INFO")},
}

# ---- Rules. Plain constants; each may be overridden from the environment. ----

# Days before a deadline when an assignment turns yellow (黄灯预警).
TAIZHANG_WARNING_DAYS = env_int("TAIZHANG_WARNING_DAYS", 7)

# Days after a reporting period ends by which its report is due (报送期限).
TAIZHANG_REPORT_GRACE_DAYS = env_int("TAIZHANG_REPORT_GRACE_DAYS", 10)

# The traffic light's other thresholds (ledger.rules): reporting periods missed in a row that turn a line
# yellow and red, and the days after a plan's publication a line may stay undecomposed (未分解) while green.
TAIZHANG_LIGHT_MISSED_YELLOW = env_int("TAIZHANG_LIGHT_MISSED_YELLOW", 1)
TAIZHANG_LIGHT_MISSED_RED = env_int("TAIZHANG_LIGHT_MISSED_RED", 2)
TAIZHANG_LIGHT_DECOMPOSE_DAYS = env_int("TAIZHANG_LIGHT_DECOMPOSE_DAYS", 30)
if not 1 <= TAIZHANG_LIGHT_MISSED_YELLOW <= TAIZHANG_LIGHT_MISSED_RED or TAIZHANG_LIGHT_DECOMPOSE_DAYS < 0:
    raise ImproperlyConfigured(
        "TAIZHANG_LIGHT_MISSED_YELLOW must be 1 or more and at most TAIZHANG_LIGHT_MISSED_RED; "
        "TAIZHANG_LIGHT_DECOMPOSE_DAYS 0 or more."
    )

# A report submitted after its due date: accept it marked late, or refuse it.
TAIZHANG_LATE_REPORT_POLICY = env_str("TAIZHANG_LATE_REPORT_POLICY", "accept_marked")
if TAIZHANG_LATE_REPORT_POLICY not in {"accept_marked", "refuse"}:
    raise ImproperlyConfigured("TAIZHANG_LATE_REPORT_POLICY must be 'accept_marked' or 'refuse'.")

# Evidence (佐证材料) uploads: size limit and allowed file extensions (lower case, no dot).
TAIZHANG_EVIDENCE_MAX_BYTES = env_int("TAIZHANG_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
TAIZHANG_EVIDENCE_TYPES = [
    t.lower().lstrip(".")
    for t in env_list(
        "TAIZHANG_EVIDENCE_TYPES", ["pdf", "docx", "doc", "xlsx", "xls", "jpg", "jpeg", "png", "ofd", "zip"]
    )
]

# Every upload is typed by its content (files.checks). Zip packages (.docx, .xlsx, .ofd, .zip) are checked
# before anything unpacks them: all parts together, the number of parts, the packing ratio of a large part;
# a sheet is read up to so many rows and columns.
TAIZHANG_ZIP_MAX_UNPACKED_BYTES = env_int("TAIZHANG_ZIP_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
TAIZHANG_ZIP_MAX_PARTS = env_int("TAIZHANG_ZIP_MAX_PARTS", 2000)
TAIZHANG_ZIP_MAX_RATIO = env_int("TAIZHANG_ZIP_MAX_RATIO", 100)
TAIZHANG_SHEET_MAX_ROWS = env_int("TAIZHANG_SHEET_MAX_ROWS", 100_000)
TAIZHANG_SHEET_MAX_COLUMNS = env_int("TAIZHANG_SHEET_MAX_COLUMNS", 200)
# Antivirus: clamd's socket (a path, or host:port); empty = no scan. A clamd that does not answer refuses
# the upload (fail closed).
TAIZHANG_CLAMD_SOCKET = env_str("TAIZHANG_CLAMD_SOCKET", "")
TAIZHANG_CLAMD_TIMEOUT = env_int("TAIZHANG_CLAMD_TIMEOUT", 30)

# Key regulations (重点制度) each responsible unit names per year: at least MIN, at most MAX.
TAIZHANG_KEY_REGULATIONS_MIN = env_int("TAIZHANG_KEY_REGULATIONS_MIN", 2)
TAIZHANG_KEY_REGULATIONS_MAX = env_int("TAIZHANG_KEY_REGULATIONS_MAX", 3)
if not 0 <= TAIZHANG_KEY_REGULATIONS_MIN <= TAIZHANG_KEY_REGULATIONS_MAX:
    raise ImproperlyConfigured(
        "TAIZHANG_KEY_REGULATIONS_MIN must be between 0 and TAIZHANG_KEY_REGULATIONS_MAX."
    )

# Open and covert inspections (明查暗访) the office should run each year; fewer shows as a gap.
TAIZHANG_INSPECTIONS_MIN_PER_YEAR = env_int("TAIZHANG_INSPECTIONS_MIN_PER_YEAR", 1)

# Reminders (催办) before a deadline of a supervision order or rectification item, in days.
TAIZHANG_REMINDER_DAYS_BEFORE = env_int("TAIZHANG_REMINDER_DAYS_BEFORE", 3)
# Reminders before a progress report's due date (period end + grace days), in days; once per unit, plan and
# period, to the liaisons of a unit with a line not yet reported. -1: none.
TAIZHANG_REPORT_REMINDER_DAYS_BEFORE = env_int("TAIZHANG_REPORT_REMINDER_DAYS_BEFORE", 5)


def _escalation_days(raw: str) -> dict[str, int]:
    """``liaison=0,unit_head=3,office=7``: who is told once a deadline has passed by that many days."""
    steps: dict[str, int] = {}
    for item in raw.split(","):
        who, _sep, days = item.partition("=")
        try:
            steps[who.strip()] = int(days)
        except ValueError:
            raise ImproperlyConfigured(f"TAIZHANG_ESCALATION_DAYS: {item!r} is not who=days") from None
    if list(steps) != ["liaison", "unit_head", "office"] or list(steps.values()) != sorted(steps.values()):
        raise ImproperlyConfigured(
            "TAIZHANG_ESCALATION_DAYS must name liaison, unit_head, office in this order, days ascending."
        )
    return steps


# Escalation after a deadline (逾期升级): the unit's liaison on the day after, its head after 3 more days,
# the office's overdue list after 7. Days past the deadline, by whom to tell, in order.
TAIZHANG_ESCALATION_DAYS = _escalation_days(
    env_str("TAIZHANG_ESCALATION_DAYS", "liaison=0,unit_head=3,office=7")
)

# E-mail through the deployment's SMTP server. No TAIZHANG_EMAIL_HOST means no e-mail channel at all.
EMAIL_HOST = env_str("TAIZHANG_EMAIL_HOST")
EMAIL_PORT = env_int("TAIZHANG_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("TAIZHANG_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("TAIZHANG_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("TAIZHANG_EMAIL_TLS", False)
EMAIL_USE_SSL = env_bool("TAIZHANG_EMAIL_SSL", False)
EMAIL_TIMEOUT = env_int("TAIZHANG_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("TAIZHANG_EMAIL_FROM", "taizhang@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
TAIZHANG_EMAIL_ENABLED = bool(EMAIL_HOST)
# The address users reach the site at (https://taizhang.example.gov.cn): links in e-mails and robot posts are
# made absolute with it. Unset, the first of TAIZHANG_CSRF_TRUSTED_ORIGINS (an https://host origin) serves;
# with neither, links are site paths, which an e-mail client cannot open — set it when e-mail is on.
TAIZHANG_SITE_URL = env_str("TAIZHANG_SITE_URL", "").rstrip("/") or next(
    (o.rstrip("/") for o in CSRF_TRUSTED_ORIGINS if "*" not in o), ""
)
# A password-reset link sent by e-mail works this many seconds (one hour), and only once.
PASSWORD_RESET_TIMEOUT = env_int("TAIZHANG_PASSWORD_RESET_SECONDS", 60 * 60)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set at most one of TAIZHANG_EMAIL_TLS and TAIZHANG_EMAIL_SSL.")

# A group robot (群机器人) of DingTalk or WeCom that receives messages; no URL means no webhook channel.
# DingTalk robots with 加签 need the secret to sign each call.
TAIZHANG_WEBHOOK_URL = env_str("TAIZHANG_WEBHOOK_URL")
TAIZHANG_WEBHOOK_KIND = env_str("TAIZHANG_WEBHOOK_KIND", "dingtalk")
TAIZHANG_WEBHOOK_SECRET = env_str("TAIZHANG_WEBHOOK_SECRET")
if TAIZHANG_WEBHOOK_KIND not in {"dingtalk", "wecom"}:
    raise ImproperlyConfigured("TAIZHANG_WEBHOOK_KIND must be 'dingtalk' or 'wecom'.")

# The tick's lease (jobs.lease): the longest a run may take before another host may start one; a run that
# dies holds the tick back at most this long.
TAIZHANG_TICK_LEASE_MINUTES = env_int("TAIZHANG_TICK_LEASE_MINUTES", 30)
if TAIZHANG_TICK_LEASE_MINUTES < 1:
    raise ImproperlyConfigured("TAIZHANG_TICK_LEASE_MINUTES must be at least 1.")

# Tries per delivery (e-mail, webhook) before it stays failed for a person to look at.
TAIZHANG_DELIVERY_MAX_ATTEMPTS = env_int("TAIZHANG_DELIVERY_MAX_ATTEMPTS", 5)
# A runner of `taizhang tick` holds a delivery it is sending for this long (a lease); only after it may
# another runner take it again (the first one stopped mid-send). Longer than a slow send can take: SMTP's
# timeout applies to each step of the conversation (connect, greeting, MAIL, RCPT, DATA, QUIT), so six.
TAIZHANG_DELIVERY_LEASE_SECONDS = env_int("TAIZHANG_DELIVERY_LEASE_SECONDS", 300)
if 6 * max(EMAIL_TIMEOUT, 10) >= TAIZHANG_DELIVERY_LEASE_SECONDS:
    raise ImproperlyConfigured(
        "TAIZHANG_DELIVERY_LEASE_SECONDS must exceed six times TAIZHANG_EMAIL_TIMEOUT (and 60 seconds)."
    )

# ---- assessment, warnings, accountability, regulations (考核问责, 预警, 制度) ----


def _pairs(name: str, default: str, keys: tuple[str, ...]) -> dict[str, int]:
    """``a=1,b=2`` → {"a": 1, "b": 2}, every key of ``keys`` present and nothing else."""
    raw = env_str(name, default)
    try:
        pairs = {k.strip(): int(v) for k, v in (item.split("=") for item in raw.split(","))}
    except ValueError:
        raise ImproperlyConfigured(f"{name}: {raw!r} is not name=number,…") from None
    if set(pairs) != set(keys):
        raise ImproperlyConfigured(f"{name} must name exactly: {', '.join(keys)}.")
    return pairs


# 等次: the lowest share of the maximum total (per cent) that earns each grade; below fair is 较差.
TAIZHANG_ASSESSMENT_GRADES = _pairs(
    "TAIZHANG_ASSESSMENT_GRADES", "excellent=90,good=80,fair=60", ("excellent", "good", "fair")
)
if not (
    100
    >= TAIZHANG_ASSESSMENT_GRADES["excellent"]
    > TAIZHANG_ASSESSMENT_GRADES["good"]
    > TAIZHANG_ASSESSMENT_GRADES["fair"]
    >= 0
):
    raise ImproperlyConfigured(
        "TAIZHANG_ASSESSMENT_GRADES must descend: excellent > good > fair, within 0–100."
    )
# At most this share (per cent) of the assessed units may be 优秀; the rest fall to 良好 in rank order.
TAIZHANG_ASSESSMENT_EXCELLENT_QUOTA = env_int("TAIZHANG_ASSESSMENT_EXCELLENT_QUOTA", 100)

# 预警 rules: the days (or counts) at which each rule raises 提示 / 黄色 / 红色, ascending (alerts/rules.py).
#   milestone_overdue, order_unanswered, rectification_overdue: days past the due date
#   report_missing: periods in a row without an accepted report; report_returned: returns of one report
#   reported_late: accepted reports in a row saying 未按期完成 (the light's red reported_late)
#   undecomposed: days past TAIZHANG_LIGHT_DECOMPOSE_DAYS without 责任人 and 进度目标 (the light's yellow)
TAIZHANG_ALERT_THRESHOLDS = {
    rule: _pairs(f"TAIZHANG_ALERT_{rule.upper()}", default, ("notice", "yellow", "red"))
    for rule, default in {
        "milestone_overdue": "notice=1,yellow=15,red=30",
        "report_missing": "notice=1,yellow=2,red=3",
        "report_returned": "notice=1,yellow=2,red=3",
        "reported_late": "notice=1,yellow=2,red=3",
        "undecomposed": "notice=1,yellow=15,red=30",
        "order_unanswered": "notice=1,yellow=7,red=15",
        "rectification_overdue": "notice=1,yellow=15,red=30",
    }.items()
}
for _rule, _t in TAIZHANG_ALERT_THRESHOLDS.items():
    if not 0 < _t["notice"] <= _t["yellow"] <= _t["red"]:
        raise ImproperlyConfigured(f"TAIZHANG_ALERT_{_rule.upper()}: notice ≤ yellow ≤ red, all above 0.")
# What each level requires: none, explain (责令说明原因), talk (谈话提醒) or case (问责).
# A person told of more warnings than this in one check gets one summary (预警汇总) instead of a message each.
TAIZHANG_ALERT_DIGEST_OVER = env_int("TAIZHANG_ALERT_DIGEST_OVER", 3)
TAIZHANG_ALERT_REQUIRES = {"notice": "none", "yellow": "explain", "red": "talk"}
for _level, _req in (
    ("notice", env_str("TAIZHANG_ALERT_REQUIRES_NOTICE")),
    ("yellow", env_str("TAIZHANG_ALERT_REQUIRES_YELLOW")),
    ("red", env_str("TAIZHANG_ALERT_REQUIRES_RED")),
):
    if _req:
        if _req not in {"none", "explain", "talk", "case"}:
            raise ImproperlyConfigured(
                f"TAIZHANG_ALERT_REQUIRES_{_level.upper()}: none, explain, talk or case."
            )
        TAIZHANG_ALERT_REQUIRES[_level] = _req
# A red warning still open this many days after it was raised makes an accountability case due; a due case
# not opened within it lands on the office's 再问责 list.
TAIZHANG_ACCOUNTABILITY_DUE_DAYS = env_int("TAIZHANG_ACCOUNTABILITY_DUE_DAYS", 30)

# 制度定期清理: a regulation in force not reviewed (留/改) within this many months is listed for review.
TAIZHANG_REGULATION_REVIEW_MONTHS = env_int("TAIZHANG_REGULATION_REVIEW_MONTHS", 24)

# API tokens (API 令牌), made on the profile page or by `taizhang issue_token`: valid for at most this many
# days (a token may also be made without an expiry).
TAIZHANG_API_TOKEN_MAX_DAYS = env_int("TAIZHANG_API_TOKEN_MAX_DAYS", 365)
if TAIZHANG_API_TOKEN_MAX_DAYS < 1:
    raise ImproperlyConfigured("TAIZHANG_API_TOKEN_MAX_DAYS must be at least 1.")

# 审计日志留存 (GB/T 22239 level 3: at least six months): `taizhang audit archive` refuses to move entries
# younger than this many days out of the database; fewer than 180 refuses to start.
# The tick walks the whole audit chain when no full walk has succeeded within these hours, and between
# those only the entries after the newest signed anchor (0: the whole chain every tick).
TAIZHANG_AUDIT_FULL_VERIFY_HOURS = env_int("TAIZHANG_AUDIT_FULL_VERIFY_HOURS", 24)
TAIZHANG_AUDIT_RETENTION_DAYS = env_int("TAIZHANG_AUDIT_RETENTION_DAYS", 180)
if TAIZHANG_AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured("TAIZHANG_AUDIT_RETENTION_DAYS must be at least 180 (等保: six months).")
# 登录失败处理 (GB/T 22239 level 3): an account name locked after this many consecutive failures, for this
# long; a client address refused after TAIZHANG_THROTTLE_FAILURES failures within TAIZHANG_THROTTLE_MINUTES.
# Both are checked before any password is hashed (taizhang.accounts.signin_guard).
TAIZHANG_LOCKOUT_FAILURES = env_int("TAIZHANG_LOCKOUT_FAILURES", 5)
TAIZHANG_LOCKOUT_MINUTES = env_int("TAIZHANG_LOCKOUT_MINUTES", 30)
TAIZHANG_THROTTLE_FAILURES = env_int("TAIZHANG_THROTTLE_FAILURES", 20)
TAIZHANG_THROTTLE_MINUTES = env_int("TAIZHANG_THROTTLE_MINUTES", 10)
if min(TAIZHANG_LOCKOUT_FAILURES, TAIZHANG_LOCKOUT_MINUTES, TAIZHANG_THROTTLE_FAILURES) < 1:
    raise ImproperlyConfigured("TAIZHANG_LOCKOUT_* and TAIZHANG_THROTTLE_FAILURES must be at least 1.")
# 口令有效期: a password older than this many days must be changed at the next sign-in (0: never expires);
# a new password may not be any of the person's last TAIZHANG_PASSWORD_HISTORY passwords (0: no history).
TAIZHANG_PASSWORD_MAX_AGE_DAYS = env_int("TAIZHANG_PASSWORD_MAX_AGE_DAYS", 90)
TAIZHANG_PASSWORD_HISTORY = env_int("TAIZHANG_PASSWORD_HISTORY", 5)
# 双因素认证 (身份鉴别 d): the roles that must sign in with a second factor, by role value (empty: optional
# for everyone), and the verifiers a person may use, as dotted paths of classes (accounts.second_factor).
TAIZHANG_2FA_REQUIRED_ROLES = env_list(
    "TAIZHANG_2FA_REQUIRED_ROLES", ["system_admin", "security_admin", "audit_admin", "office_admin"]
)
TAIZHANG_SECOND_FACTORS = env_list(
    "TAIZHANG_SECOND_FACTORS", ["taizhang.accounts.second_factor.totp.TotpFactor"]
)
TAIZHANG_TOTP_ISSUER = env_str("TAIZHANG_TOTP_ISSUER", "台账")
# 会话超时: a session idle this long ends (the three administrators sooner); none lasts beyond
# SESSION_COOKIE_AGE from its sign-in, however active (taizhang.accounts.idle).
TAIZHANG_SESSION_IDLE_MINUTES = env_int("TAIZHANG_SESSION_IDLE_MINUTES", 30)
TAIZHANG_ADMIN_SESSION_IDLE_MINUTES = env_int("TAIZHANG_ADMIN_SESSION_IDLE_MINUTES", 15)
if min(TAIZHANG_SESSION_IDLE_MINUTES, TAIZHANG_ADMIN_SESSION_IDLE_MINUTES) < 2:
    raise ImproperlyConfigured("TAIZHANG_*SESSION_IDLE_MINUTES must be at least 2.")
