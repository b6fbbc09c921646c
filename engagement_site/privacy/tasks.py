from celery import shared_task


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def logs_delete_expired() -> dict:
    """Beat: delete staff sign-in records and personal data request logs past their periods."""
    from .retention import privacy_requests_delete_expired, sign_in_records_delete_expired

    return {"sign_in_records": sign_in_records_delete_expired(), "privacy_requests": privacy_requests_delete_expired()}
