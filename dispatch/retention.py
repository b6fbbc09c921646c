"""Dispatch keeps confirmed subscribers while they stay subscribed (their consent);
sign-ups never confirmed are deleted after DISPATCH_UNCONFIRMED_MAX_AGE_DAYS."""

from dispatch.services import unconfirmed_subscribers_remove


def retention_apply(*, now=None) -> dict[str, int]:
    return {"unconfirmed_subscribers": unconfirmed_subscribers_remove(now=now)}
