from celery import shared_task


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def anonymise_expired_applications() -> int:
    """Beat task: anonymise decided and withdrawn applications past IAG_RETENTION_DAYS."""
    from iag.services import applications_anonymise_expired

    return applications_anonymise_expired()
