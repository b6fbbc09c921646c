"""Model fields encrypted at rest (Fernet, from django-fernet-encrypted-fields).

The library derives its key from SECRET_KEY; these fields derive it from
FIELD_ENCRYPTION_KEY instead (which defaults to SECRET_KEY), so the site's
secret can be rotated without losing the answers. Old keys go in
FIELD_ENCRYPTION_KEY_FALLBACKS: values are read with any of them and written
with the first. An empty value is stored as NULL, so these fields are null=True.
"""

import base64
from functools import lru_cache

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
    secrets = [settings.FIELD_ENCRYPTION_KEY, *getattr(settings, "FIELD_ENCRYPTION_KEY_FALLBACKS", [])]
    salts = settings.SALT_KEY if isinstance(settings.SALT_KEY, list) else [settings.SALT_KEY]
    return [_derive(secret, salt) for secret in secrets for salt in salts]


class _OwnKey:
    @cached_property
    def keys(self) -> list[bytes]:
        return field_keys()


class EncryptedCharField(_OwnKey, encrypted.EncryptedCharField):
    pass


class EncryptedTextField(_OwnKey, encrypted.EncryptedTextField):
    pass
