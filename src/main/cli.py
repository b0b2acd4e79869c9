"""What ``run.py`` does for each of its commands."""

import logging

from src.data.usecases.contas import garantir_admin
from src.infra.db.engine import make_engine
from src.infra.db.migrate import upgrade
from src.main.app import container_of, create_app
from src.main.config import Settings
from src.main.logging import configure_logging

log = logging.getLogger("hospital.cli")


def migrate(settings: Settings) -> int:
    configure_logging(settings.log_level)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    engine.dispose()
    log.info("migrations_applied")
    return 0


def serve(settings: Settings) -> int:
    migrate(settings)
    app = create_app(settings)
    container = container_of(app)
    admin = garantir_admin(
        container.uow_factory,
        container.hasher,
        settings.admin_email,
        settings.admin_password,
    )
    if admin is not None:
        log.info("admin_created", extra={"email_set": settings.admin_email is not None})
        if admin.senha:
            # Printed once, on purpose, outside the JSON log.
            print(f"Admin created: {admin.email} / password: {admin.senha}", flush=True)

    # Mail queued by requests goes out from this thread, after each commit.
    container.mail_sender.start()
    log.info("serving", extra={"host": settings.host, "port": settings.port})
    app.run(host=settings.host, port=settings.port, threaded=True, use_reloader=False)
    return 0


def seed_demo(settings: Settings, only_if_empty: bool = False) -> int:
    migrate(settings)
    from src.main.seed import seed_demo_hospital

    return seed_demo_hospital(settings, only_if_empty)
