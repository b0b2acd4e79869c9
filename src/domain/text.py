import unicodedata


def normalizar_busca(texto: str) -> str:
    """Fold case and strip accents, so that ``jose`` finds ``José``."""
    decomposed = unicodedata.normalize("NFKD", texto)
    sem_acento = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(sem_acento.casefold().split())


def apenas_digitos(texto: str) -> str:
    return "".join(c for c in texto if c.isdigit())
