"""Model fields encrypted at rest (Fernet, from django-fernet-encrypted-fields).

The library derives its key from SECRET_KEY; these fields derive it from
FIELD_ENCRYPTION_KEY instead (which defaults to SECRET_KEY), so the site's
secret can be rotated without losing the answers. Old keys go in
FIELD_ENCRYPTION_KEY_FALLBACKS: values are read with any of them and written
with the first. An empty value is stored as NULL, so these fields are null=True.

The plaintext is padded before it is encrypted, to a multiple of PAD_TO bytes,
so every answer of a field ("prefer_not_to_say" or "yes") gives a ciphertext of
the same length. Padded plaintext is a NUL byte, the UTF-8 text, 0x80, then NUL
bytes (ISO/IEC 7816-4 padding, which strips unambiguously); values stored
before padding have no leading NUL and are read as they are.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.utils.functional import cached_property
from encrypted_fields import fields as encrypted


@lru_cache(maxsize=16)
def _derive(secret: str, salt: str) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt.encode(), iterations=100_000)
    return base64.urlsafe_b64encode(kdf.derive(secret.encode()))


def field_keys() -> list[bytes]:
    secrets = [settings.FIELD_ENCRYPTION_KEY, *settings.FIELD_ENCRYPTION_KEY_FALLBACKS]
    salts = settings.SALT_KEY if isinstance(settings.SALT_KEY, list) else [settings.SALT_KEY]
    return [_derive(secret, salt) for secret in secrets for salt in salts]


PAD_TO = 64
PADDED = b"\x00"  # no text answer starts with NUL: forms refuse it


def pad(plaintext: bytes, *, block: int = PAD_TO) -> bytes:
    padded = PADDED + plaintext + b"\x80"
    return padded + b"\x00" * (-len(padded) % block)


def unpad(plaintext: bytes) -> bytes:
    if not plaintext.startswith(PADDED):
        return plaintext  # stored before padding
    body = plaintext[len(PADDED) :].rstrip(b"\x00")
    if not body.endswith(b"\x80"):
        raise InvalidToken("bad padding")
    return body[:-1]


class PaddedFernet:
    """Fernet (or MultiFernet) that pads what it encrypts and strips it on decrypt."""

    def __init__(self, fernet: Fernet | MultiFernet):
        self.fernet = fernet

    def encrypt(self, data: bytes) -> bytes:
        return self.fernet.encrypt(pad(data))

    def decrypt(self, token: bytes) -> bytes:
        return unpad(self.fernet.decrypt(token))


class _OwnKey:
    @cached_property
    def keys(self) -> list[bytes]:
        return field_keys()

    @cached_property
    def f(self) -> PaddedFernet:
        keys = self.keys
        return PaddedFernet(Fernet(keys[0]) if len(keys) == 1 else MultiFernet([Fernet(key) for key in keys]))


class EncryptedCharField(_OwnKey, encrypted.EncryptedCharField):
    pass


class EncryptedTextField(_OwnKey, encrypted.EncryptedTextField):
    pass
