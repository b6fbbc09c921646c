from celery import shared_task


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def renewal_requests_send() -> int:
    """Beat task: ask members whose term ends soon whether to renew (once per term)."""
    from iag_work.services.members import renewal_requests_send

    return renewal_requests_send()
