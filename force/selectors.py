import logging

from django.core.cache import cache

from force.models import District, ForceProfile

logger = logging.getLogger(__name__)
FORCE_CACHE_KEY = "force-profile:v1"

# Shown until the demo content (or staff) fill in the real profile.
DEFAULT_FORCE = ForceProfile(
    name="Your police force",
    short_name="Police",
    area_name="your area",
    phone="101",
    diversity_unit_extension="",
)


def force_profile() -> ForceProfile:
    """The force profile, cached in the shared cache; a cache outage falls back to the database."""
    try:
        profile = cache.get(FORCE_CACHE_KEY)
    except Exception as exc:  # noqa: BLE001
        logger.warning("Cache unavailable reading force profile: %s", exc)
        return ForceProfile.objects.first() or DEFAULT_FORCE
    if profile is None:
        profile = ForceProfile.objects.first() or DEFAULT_FORCE
        try:
            cache.set(FORCE_CACHE_KEY, profile, timeout=300)
        except Exception:  # noqa: BLE001
            pass
    return profile


def force_profile_forget() -> None:
    try:
        cache.delete(FORCE_CACHE_KEY)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unavailable; force profile will refresh within five minutes")


def districts():
    return District.objects.all()
