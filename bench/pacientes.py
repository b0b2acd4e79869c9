"""Requests per second and latency of the two patient reads, under gunicorn.

    make bench                       # or: python bench/pacientes.py --help
    DATABASE_URL=mysql+pymysql://... make bench

Seeds the demo hospital into a SQLite file in a temporary folder (or uses
``DATABASE_URL`` when it is set, seeding it only if it is empty), starts
gunicorn on a free loopback port, logs in, and for each endpoint measures
first the latency one client sees alone (``--solo`` requests one after the
other), then throughput with ``--clients`` threads sharing ``--requests``.
Only the standard library; only 127.0.0.1; every loop is bounded in count and
by ``--max-seconds``; gunicorn is stopped at the end, whatever happens.

Exit status: 0; 1 when something failed or a request did not answer 200; 3
when the name search of one client alone has a p95 of 100 ms or more (the
target of issue 2 is "well under 100 ms").

Against an existing database with users, log in as ``BENCH_EMAIL`` and
``BENCH_PASSWORD`` (or ``ADMIN_EMAIL`` and ``ADMIN_PASSWORD``).
"""

import argparse
import http.client
import itertools
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from src.data.usecases.contas import garantir_admin  # noqa: E402
from src.infra.db.engine import make_engine  # noqa: E402
from src.infra.db.migrate import upgrade  # noqa: E402
from src.main.composers import build_container  # noqa: E402
from src.main.config import Settings  # noqa: E402
from src.main.seed import seed_demo_hospital  # noqa: E402

HOST = "127.0.0.1"
TARGET_MS = 100.0
NOME_SEARCH = "/v1/pacientes?nome=jose&per_page=100"


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.latencies_ms) / self.wall_s if self.wall_s else 0.0

    def percentile(self, p: int) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=100)[p - 1]


class Client:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, port: int, token: str | None = None) -> None:
        self._port = port
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        headers = dict(self._headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(
                    HOST, self._port, timeout=10
                )
            try:
                self._connection.request(method, path, payload, headers)
                response = self._connection.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    with tempfile.TemporaryDirectory(prefix="hospital-bench-") as tmp:
        env = _environment(Path(tmp))
        email, senha = _prepare_database(env)
        port = _free_port()
        log_path = Path(tmp) / "gunicorn.log"
        server = _start_gunicorn(env, port, args, log_path)
        try:
            _wait_until_healthy(port, server, log_path)
            return _measure(port, email, senha, args)
        finally:
            _stop(server)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--requests", type=int, default=1000, help="per endpoint, under load"
    )
    parser.add_argument(
        "--clients", type=int, default=4, help="client threads under load"
    )
    parser.add_argument(
        "--solo", type=int, default=50, help="sequential requests, one client"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--max-seconds", type=float, default=60, help="cap of each run")
    return parser.parse_args(argv)


def _environment(tmp: Path) -> dict[str, str]:
    """What both this process and gunicorn run with; set here so that a
    developer's .env cannot point the bench at another database."""
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.db'}"
    )
    env["INSTANCE_DIR"] = str(tmp)
    env["SECRET_KEY"] = secrets.token_urlsafe(48)
    env["SCHEDULER_EMBEDDED"] = "false"
    env.setdefault("LOG_LEVEL", "INFO")
    return env


def _prepare_database(env: dict[str, str]) -> tuple[str, str]:
    """Migrate, seed when empty, make sure a user exists; its credentials."""
    os.environ.update(env)
    settings = Settings.from_env()
    email = env.get("BENCH_EMAIL") or env.get("ADMIN_EMAIL") or "bench@hospital.local"
    senha = (
        env.get("BENCH_PASSWORD")
        or env.get("ADMIN_PASSWORD")
        or secrets.token_urlsafe(12)
    )

    engine = make_engine(settings.database_url)
    upgrade(engine)
    engine.dispose()
    if seed_demo_hospital(settings, only_if_empty=True) != 0:
        raise SystemExit("bench: seeding the demo hospital failed")
    container = build_container(settings)
    try:
        garantir_admin(container.uow_factory, container.hasher, email, senha)
    finally:
        container.engine.dispose()
    return email, senha


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def _start_gunicorn(
    env: dict[str, str], port: int, args: argparse.Namespace, log_path: Path
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "gunicorn",
        "--workers", str(args.workers),
        "--threads", str(args.threads),
        "--bind", f"{HOST}:{port}",
        "--log-level", "warning",
        "--graceful-timeout", "10",
        "src.main.wsgi:app",
    ]  # fmt: skip
    print(f"gunicorn -w {args.workers} --threads {args.threads} on {HOST}:{port}")
    with log_path.open("wb") as log:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )


def _wait_until_healthy(
    port: int, server: subprocess.Popen[bytes], log_path: Path
) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            status, _ = Client(port).request("GET", "/v1/health")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    tail = log_path.read_text(errors="replace")[-3000:]
    raise SystemExit(f"bench: gunicorn did not become healthy; its log:\n{tail}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _measure(port: int, email: str, senha: str, args: argparse.Namespace) -> int:
    status, body = Client(port).request(
        "POST", "/v1/auth/login", {"email": email, "senha": senha}
    )
    if status != 200:
        print(f"bench: login as {email} answered {status}: {body[:200]!r}")
        return 1
    token = json.loads(body)["data"]["access_token"]
    status, body = Client(port, token).request("GET", "/v1/pacientes?per_page=100")
    ids = [p["id"] for p in json.loads(body)["data"]]
    if status != 200 or not ids:
        print(f"bench: listing patients answered {status}, {len(ids)} ids")
        return 1

    endpoints: dict[str, Callable[[int], str]] = {
        "GET /v1/pacientes/{id}": lambda i: f"/v1/pacientes/{ids[i % len(ids)]}",
        f"GET {NOME_SEARCH}": lambda _i: NOME_SEARCH,
    }
    print(f"{'endpoint':<48}{'clients':>8}{'requests':>9}{'req/s':>9}"
          f"{'p50 ms':>9}{'p95 ms':>9}")  # fmt: skip
    solo_search: Result | None = None
    failed = False
    for label, path in endpoints.items():
        _run(port, token, path, 20, args.clients, args.max_seconds)  # warm up
        for clients, count in ((1, args.solo), (args.clients, args.requests)):
            result = _run(port, token, path, count, clients, args.max_seconds)
            print(
                f"{label:<48}{clients:>8}{len(result.latencies_ms):>9}"
                f"{result.rps:>9.1f}{result.percentile(50):>9.1f}"
                f"{result.percentile(95):>9.1f}"
            )
            for failure in result.failures[:5]:
                print(f"  failure: {failure}")
            failed = failed or bool(result.failures) or not result.latencies_ms
            if clients == 1 and path is endpoints[f"GET {NOME_SEARCH}"]:
                solo_search = result

    if failed:
        return 1
    assert solo_search is not None
    p95 = solo_search.percentile(95)
    verdict = (
        "well under" if p95 < TARGET_MS / 2 else "under" if p95 < TARGET_MS else "OVER"
    )
    target = f"the {TARGET_MS:.0f} ms target"
    print(f"nome search, one client: p95 {p95:.1f} ms, {verdict} {target}")
    return 0 if p95 < TARGET_MS else 3


def _run(
    port: int,
    token: str,
    path: Callable[[int], str],
    count: int,
    clients: int,
    max_seconds: float,
) -> Result:
    """``count`` GETs shared by ``clients`` threads, stopping at the deadline."""
    result = Result()
    numbers = itertools.count()
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def work() -> None:
        client = Client(port, token)
        try:
            while time.monotonic() < deadline:
                with lock:
                    i = next(numbers)
                if i >= count:
                    return
                started = time.perf_counter()
                try:
                    status, body = client.request("GET", path(i))
                except OSError as exc:
                    status, body = 0, str(exc).encode()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if status == 200:
                        result.latencies_ms.append(elapsed)
                    else:
                        result.failures.append(f"{status} {body[:120]!r}")
        finally:
            client.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max_seconds + 15)
    result.wall_s = time.perf_counter() - started
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
