from celery import shared_task


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=3)
def expired_clear() -> int:
    """Beat task: delete expired sessions (Django's clearsessions) and expired form drafts."""
    from .services import sessions_and_drafts_clear_expired

    return sessions_and_drafts_clear_expired()
