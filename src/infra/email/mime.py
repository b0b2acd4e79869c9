"""One domain ``EmailMessage`` as one MIME message, for every backend."""

from email.headerregistry import Address
from email.message import EmailMessage as MimeMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid

from src.domain.email import EmailMessage


def sender_domain(address: str) -> str:
    return address.rpartition("@")[2] or "localhost"


def build_mime(
    message: EmailMessage,
    from_address: str,
    from_name: str,
    cte: str | None = None,
) -> MimeMessage:
    """Text with an HTML alternative, then the attachments.

    ``cte`` forces a transfer encoding on the text parts (``8bit`` keeps an
    ``.eml`` file readable as it is, links included).
    """
    mime = MimeMessage(policy=SMTP)
    mime["From"] = formataddr((from_name, from_address))
    mime["To"] = Address(addr_spec=message.to)
    mime["Subject"] = message.subject
    mime["Date"] = formatdate(usegmt=True)
    domain = sender_domain(from_address)
    mime["Message-ID"] = (
        f"<{message.message_id}@{domain}>"
        if message.message_id
        else make_msgid(domain=domain)
    )

    mime.set_content(message.text, charset="utf-8", cte=cte)
    if message.html:
        mime.add_alternative(message.html, subtype="html", charset="utf-8", cte=cte)
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        mime.add_attachment(
            attachment.content,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return mime
