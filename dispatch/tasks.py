from celery import shared_task


@shared_task(acks_late=True)
def issue_fan_out(issue_id: int, after_id: int = 0) -> None:
    """Queue one batch of an issue's emails, hand it to the outbox, then queue
    the next batch as a new task. Safe to run again for the same batch."""
    from dispatch.models import Issue
    from dispatch.services import issue_batch_queue, issue_fan_out_finish
    from dispatch.services.issues import batch_size, fan_out_enqueue

    issue = Issue.objects.filter(pk=issue_id, state=Issue.State.SENDING).first()
    if issue is None:
        return
    notification_ids, next_after = issue_batch_queue(issue=issue, after_id=after_id, size=batch_size())
    if notification_ids:
        notifications_send_batch.delay(notification_ids)
    if next_after is None:
        issue_fan_out_finish(issue=issue)
    else:
        fan_out_enqueue(issue_id, next_after)


@shared_task(bind=True, acks_late=True)
def notifications_send_batch(self, notification_ids: list[int]) -> None:
    """Send a batch of outbox rows. They are claimed first, so a row already sent
    (by the sweeper, or by this task before its worker died) is skipped; a failed
    send stays pending and the outbox's sweeper retries it. Near the soft time
    limit it stops and queues what is left as a new batch."""
    from outbox.services import notifications_send_many, send_budget

    _, seconds = send_budget(soft_time_limit(self))
    left = notifications_send_many(notification_ids=notification_ids, seconds=seconds)
    if left:
        notifications_send_batch.delay(left)


def soft_time_limit(task) -> float | None:
    """The soft time limit this run of `task` is under: the caller's, the task's or the app's."""
    limits = task.request.timelimit or (None, None)
    return limits[1] or task.soft_time_limit or task.app.conf.task_soft_time_limit


@shared_task
def issues_resume() -> int:
    """Start the fan-out again for every issue still sending (a lost task, a
    broker outage). It creates nothing twice."""
    from dispatch.models import Issue
    from dispatch.services.issues import fan_out_enqueue

    ids = list(Issue.objects.filter(state=Issue.State.SENDING).values_list("pk", flat=True))
    for issue_id in ids:
        fan_out_enqueue(issue_id)
    return len(ids)
