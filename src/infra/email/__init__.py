"""Mail: the SMTP and file backends of the mail port, the templates, and the
background sender that empties the outbox."""
