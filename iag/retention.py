"""IAG applications: decided and withdrawn ones are anonymised IAG_RETENTION_DAYS after their last change."""

from iag.services import applications_anonymise_expired


def retention_apply(*, now=None) -> dict[str, int]:
    return {"applications": applications_anonymise_expired(now=now)}
