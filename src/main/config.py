"""Settings from the environment, with ``.env`` filling in what it lacks."""

import os
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dotenv import dotenv_values
from sqlalchemy.engine import URL

ROOT = Path(__file__).resolve().parents[2]


def _env(name: str, default: str | None = None) -> str | None:
    """The variable's value; the empty string counts as unset."""
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _bool(name: str, default: bool) -> bool:
    value = _env(name)
    return (
        default
        if value is None
        else value.strip().lower() in ("1", "true", "yes", "on")
    )


def load_dotenv(path: Path) -> None:
    """Fill unset (or empty) variables from ``.env``; the environment wins."""
    if not path.exists():
        return
    for name, value in dotenv_values(path).items():
        if value not in (None, "") and os.environ.get(name) in (None, ""):
            os.environ[name] = value


@dataclass(frozen=True)
class Settings:
    database_url: str
    instance_dir: Path
    host: str
    port: int
    secret_key: str
    token_lifetime: timedelta
    admin_email: str | None
    admin_password: str | None
    tz: ZoneInfo
    scheduler_embedded: bool
    login_limit_email: str
    login_limit_address: str
    password_time_cost: int
    password_memory_cost: int
    log_level: str
    # Mail and the account flows (API.md 2 and 3.1). Defaults let tests build
    # Settings without naming them.
    mail_server: str | None = None
    mail_port: int = 587
    mail_username: str | None = None
    mail_password: str | None = None
    mail_from: str = "nao-responda@hospital.local"
    mail_from_name: str = "Hospital"
    mail_use_tls: bool = True
    mail_use_ssl: bool = False
    mail_timeout: float = 10.0
    mail_outbox_dir: Path | None = None
    public_url: str | None = None
    frontend_url: str | None = None
    confirm_token_hours: int = 24
    reset_token_minutes: int = 60
    auth_flow_limit: str = "10 per minute"

    @property
    def outbox_dir(self) -> Path:
        """Where the file backend writes ``.eml`` files (no MAIL_SERVER)."""
        return self.mail_outbox_dir or self.instance_dir / "outbox"

    @property
    def base_url(self) -> str:
        """This API as its mails' links name it."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def frontend_base_url(self) -> str:
        """The front-end app, whose page sets a new password."""
        return (self.frontend_url or self.base_url).rstrip("/")

    @classmethod
    def from_env(cls) -> "Settings":
        instance = Path(_env("INSTANCE_DIR", str(ROOT / "instance")) or "")
        return cls(
            database_url=database_url(instance),
            instance_dir=instance,
            host=_env("HOST", "127.0.0.1") or "",
            port=int(_env("PORT", "8000") or 8000),
            secret_key=_env("SECRET_KEY") or _kept_secret(instance),
            token_lifetime=timedelta(minutes=int(_env("TOKEN_MINUTES", "480") or 480)),
            admin_email=_env("ADMIN_EMAIL"),
            admin_password=_env("ADMIN_PASSWORD"),
            tz=ZoneInfo(_env("HOSPITAL_TZ", "America/Sao_Paulo") or ""),
            scheduler_embedded=_bool("SCHEDULER_EMBEDDED", True),
            login_limit_email=_env("LOGIN_LIMIT_EMAIL", "10 per minute") or "",
            login_limit_address=_env("LOGIN_LIMIT_ADDRESS", "30 per minute") or "",
            password_time_cost=int(_env("PASSWORD_TIME_COST", "2") or 2),
            password_memory_cost=int(_env("PASSWORD_MEMORY_KIB", "19456") or 19456),
            log_level=_env("LOG_LEVEL", "INFO") or "INFO",
            **_mail_from_env(instance),
        )


def _mail_from_env(instance: Path) -> dict[str, Any]:
    outbox = _env("MAIL_OUTBOX_DIR")
    return dict(
        mail_server=_env("MAIL_SERVER"),
        mail_port=int(_env("MAIL_PORT", "587") or 587),
        mail_username=_env("MAIL_USERNAME"),
        mail_password=_env("MAIL_PASS"),
        mail_from=_env("MAIL_FROM", "nao-responda@hospital.local") or "",
        mail_from_name=_env("MAIL_FROM_NAME", "Hospital") or "",
        mail_use_tls=_bool("MAIL_USE_TLS", True),
        mail_use_ssl=_bool("MAIL_USE_SSL", False),
        mail_timeout=float(_env("MAIL_TIMEOUT", "10") or 10),
        mail_outbox_dir=Path(outbox) if outbox else instance / "outbox",
        public_url=_env("PUBLIC_URL"),
        frontend_url=_env("FRONTEND_URL"),
        confirm_token_hours=int(_env("CONFIRM_TOKEN_HOURS", "24") or 24),
        reset_token_minutes=int(_env("RESET_TOKEN_MINUTES", "60") or 60),
        auth_flow_limit=_env("AUTH_FLOW_LIMIT", "10 per minute") or "",
    )


def database_url(instance: Path) -> str:
    url = _env("DATABASE_URL")
    if url:
        return url
    if _env("DB_NAME"):
        return URL.create(
            "mysql+pymysql",
            username=_env("DB_USER", "root"),
            password=_env("DB_PASSWORD"),
            host=_env("DB_HOST", "127.0.0.1"),
            port=int(_env("DB_PORT", "3306") or 3306),
            database=_env("DB_NAME"),
            query={"charset": "utf8mb4"},
        ).render_as_string(hide_password=False)
    instance.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{instance / 'hospital.db'}"


def _kept_secret(instance: Path) -> str:
    """A signing key made once and kept in ``instance/``, so tokens survive restarts."""
    path = instance / "secret_key"
    instance.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: of several processes starting at once, one writes the key
        # and the others read it, so every worker signs with the same key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            key = path.read_text().strip()
            if key:
                return key
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty; delete it or set SECRET_KEY") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
