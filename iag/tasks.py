from celery import shared_task


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def monitoring_snapshot_take_if_due() -> bool:
    """Beat task: take this month's equality monitoring snapshot once it is due."""
    from iag.services.monitoring import monitoring_snapshot_take_if_due

    return monitoring_snapshot_take_if_due() is not None
