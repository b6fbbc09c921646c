from celery import shared_task


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def retention_apply() -> dict:
    """Beat: every app's records past their retention periods (personal_data/retention.py)."""
    from .retention import retention_apply_everywhere

    return retention_apply_everywhere()
