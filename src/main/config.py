"""Settings from the environment, with ``.env`` filling in what it lacks."""

import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
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
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key
