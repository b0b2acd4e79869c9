"""The mail templates: Jinja2 files in ``templates/``, each a ``.txt`` and an
``.html``. The text one sets the subject with ``{% set subject %}``."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"


class JinjaMailTemplates:
    """Renders ``name.txt`` and ``name.html``; every template is given
    ``hospital``, the name the mails are signed with."""

    def __init__(self, hospital: str, directory: Path = TEMPLATES) -> None:
        self._hospital = hospital
        self._env = Environment(
            loader=FileSystemLoader(directory),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )

    def render(self, name: str, context: Mapping[str, Any]) -> tuple[str, str, str]:
        values = {"hospital": self._hospital, **context}
        text_template = self._env.get_template(f"{name}.txt")
        module = text_template.make_module(values)
        subject = " ".join(str(getattr(module, "subject", "")).split())
        text = str(module)
        html = self._env.get_template(f"{name}.html").render(
            {**values, "subject": subject}
        )
        return subject, text.strip() + "\n", html
