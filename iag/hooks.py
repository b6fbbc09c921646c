"""What rooms above this one do when an application is accepted or erased
(iag_work makes and erases memberships). iag may not import them, so they
register here from their AppConfig.ready(); each hook is called with
`application=` (and `actor=` on acceptance) inside the transaction that makes the change."""

from collections.abc import Callable

ON_ACCEPTED: list[Callable[..., object]] = []
ON_ERASED: list[Callable[..., object]] = []
