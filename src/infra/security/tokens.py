from datetime import timedelta

import jwt

from src.data.interfaces import Clock
from src.domain.errors import NaoAutenticado


class JwtTokenService:
    """HS256 access tokens carrying the user id and their session version."""

    def __init__(self, secret: str, lifetime: timedelta, clock: Clock) -> None:
        self._secret = secret
        self._lifetime = lifetime
        self._clock = clock

    def issue(self, user_id: int, session_version: int) -> tuple[str, int]:
        now = self._clock.now()
        claims = {
            "sub": str(user_id),
            "ver": session_version,
            "iat": int(now.timestamp()),
            "exp": int((now + self._lifetime).timestamp()),
        }
        token = jwt.encode(claims, self._secret, algorithm="HS256")
        return token, int(self._lifetime.total_seconds())

    def read(self, token: str) -> tuple[int, int]:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                options={"require": ["sub", "exp", "ver"], "verify_exp": False},
            )
            user_id, version = int(claims["sub"]), int(claims["ver"])
        except (jwt.InvalidTokenError, ValueError, TypeError) as exc:
            raise NaoAutenticado("invalid token") from exc

        if claims["exp"] <= self._clock.now().timestamp():
            raise NaoAutenticado("token expired")
        return user_id, version
