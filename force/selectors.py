import logging
import time

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


# Every page shows the force profile. Each process keeps its own copy for a second,
# so a busy page reads the shared cache once a second rather than on every request;
# an edit shows at once in the process that saved it, within a second elsewhere.
LOCAL_SECONDS = 1.0
_local: tuple[float, ForceProfile] | None = None  # (good until, on time.monotonic(), profile)


def force_profile() -> ForceProfile:
    """The force profile: this process's copy if under a second old, else from the shared cache."""
    global _local
    now = time.monotonic()
    local = _local
    if local is not None and now < local[0]:
        return local[1]
    profile = _shared_force_profile()
    _local = (now + LOCAL_SECONDS, profile)
    return profile


def _shared_force_profile() -> ForceProfile:
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
    global _local
    _local = None
    try:
        cache.delete(FORCE_CACHE_KEY)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unavailable; force profile will refresh within five minutes")


def districts():
    return District.objects.all()
