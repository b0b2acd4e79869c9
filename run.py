"""Entry point: ``python run.py [serve|seed-demo|migrate]``.

``serve`` (the default) applies pending migrations, makes sure an admin
exists, and serves the API on HOST:PORT.
"""

import argparse
import sys

from src.main.config import ROOT, Settings, load_dotenv


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py", description="Hospital API")
    parser.add_argument(
        "command",
        nargs="?",
        default="serve",
        choices=["serve", "seed-demo", "migrate"],
        help="serve (default): migrate, then serve the API; "
        "seed-demo: fill an empty database with a demo hospital; "
        "migrate: only apply pending migrations",
    )
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="seed-demo: skip quietly, instead of refusing, when the database has data",
    )
    args = parser.parse_args(argv)

    load_dotenv(ROOT / ".env")
    from src.main import cli

    settings = Settings.from_env()
    if args.command == "seed-demo":
        return cli.seed_demo(settings, only_if_empty=args.if_empty)
    return {"serve": cli.serve, "migrate": cli.migrate}[args.command](settings)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
