from celery import shared_task


@shared_task(bind=True, acks_late=True, max_retries=None)
def notification_send(self, notification_id: int) -> None:
    """Send one outbox email, and with it a batch of whatever else is due (so the
    tasks queued for those find nothing left to do). Safe to run twice: the
    service claims the rows first."""
    from outbox.services import notification_send as send
    from outbox.services import send_budget

    limit, seconds = send_budget(soft_time_limit(self))
    delay = send(notification_id=notification_id, limit=limit, seconds=seconds)
    if delay is not None and not self.request.is_eager:
        raise self.retry(countdown=delay + 1)  # after next_attempt_at has passed


@shared_task(bind=True, acks_late=True)
def notifications_drain(self) -> None:
    """Claim a batch of due emails (and any a dead worker left) and send them; while
    batches come back full or out of time, queue the next one."""
    from outbox.services import notifications_drain as drain
    from outbox.services import send_budget

    limit, seconds = send_budget(soft_time_limit(self))
    claimed, left = drain(limit=limit, seconds=seconds)
    if (claimed >= limit or left) and not self.request.is_eager:
        notifications_drain.delay()


@shared_task
def notifications_sweep() -> int:
    """Beat: queue drain tasks for every email still pending, including any a dead worker left."""
    from outbox.services import notifications_sweep as sweep

    return sweep()


def soft_time_limit(task) -> float | None:
    """The soft time limit this run of `task` is under: the caller's, the task's or the app's."""
    limits = task.request.timelimit or (None, None)
    return limits[1] or task.soft_time_limit or task.app.conf.task_soft_time_limit
