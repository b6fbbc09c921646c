"""Admin lists never tell staff without the special category permission who
answered the equality questions: no filter, column or URL lookup (such as
`?monitoring__isnull=True`) reaches the special category records for them."""

from django.db.models.constants import LOOKUP_SEP


class SpecialCategoryListMixin:
    """For a ModelAdmin whose model has relations to special category records.

    `special_permission`: who may see them; `special_relations`: the names of
    those relations on the model; `special_list_filter`: filters only they get."""

    special_permission: str = ""
    special_relations: tuple[str, ...] = ()
    special_list_filter: tuple = ()

    def sees_special_category(self, request) -> bool:
        return request is not None and request.user.has_perm(self.special_permission)

    def _touches_special(self, lookup: str) -> bool:
        return lookup.split(LOOKUP_SEP, 1)[0] in self.special_relations

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if self.sees_special_category(request):
            return filters + list(self.special_list_filter)
        named = [(f[0] if isinstance(f, list | tuple) else f) for f in filters]
        return [
            f
            for f, name in zip(filters, named, strict=True)
            if not (isinstance(name, str) and self._touches_special(name))
        ]

    def lookup_allowed(self, lookup, value, request=None):
        if self._touches_special(lookup) and not self.sees_special_category(request):
            return False  # the admin answers 400, the list is not filtered
        return super().lookup_allowed(lookup, value, request)
