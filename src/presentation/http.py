from dataclasses import dataclass, field
from typing import Any

from src.domain.entities import Usuario


@dataclass(frozen=True)
class HttpRequest:
    body: dict[str, Any] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    path: dict[str, int] = field(default_factory=dict)
    user: Usuario | None = None


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
