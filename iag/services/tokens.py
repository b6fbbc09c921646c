"""The private status-page link (see engagement_site.private_links). The
database holds a random key; the link carries the key signed with the site's
secret, so the link cannot be made from the database alone, and it can be sent
again in later emails."""

from engagement_site.private_links import IAG_STATUS, LinkInvalid, link_key_new


def status_key_new() -> str:
    return link_key_new()


def status_token(key: str) -> str:
    return IAG_STATUS.sign(key)


def status_key_from_token(token: str) -> str | None:
    try:
        return IAG_STATUS.unsign(token)
    except LinkInvalid:
        return None
