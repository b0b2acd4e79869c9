"""The WSGI entry point of the production shape: ``gunicorn 'src.main.wsgi:app'``.

Gunicorn imports this module once in every worker, so this is where that
entry point's settings are read and its app is built (``.env`` fills in what
the environment lacks, as for ``run.py``). Workers neither migrate nor create
the first admin: run ``python run.py migrate`` before starting them, and give
every worker the same ``SECRET_KEY``.
"""

from src.main.app import container_of, create_app
from src.main.config import ROOT, Settings, load_dotenv
from src.main.logging import configure_logging

load_dotenv(ROOT / ".env")
settings = Settings.from_env()
configure_logging(settings.log_level)
app = create_app(settings)
# Each worker sends queued mail; claims keep them from sending one twice.
container_of(app).mail_sender.start()
