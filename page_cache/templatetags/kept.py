"""`{% kept "name" value ... %}...{% endkept %}`: a part of the layout that is the
same for every visitor (the header, the footer), drawn once per process and kept
(page_cache.fragments) for pages that are never kept whole, such as a search.

The part is kept per name, language, URL prefix and the values given, so list
every value it shows that is not content (content edits empty the store). Never
put anything personal or per request inside: no token, no session, no query."""

from django import template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from page_cache import fragments

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        values = [value.resolve(context, ignore_failures=True) for value in self.vary_on]
        # Drawn afresh outside a request's own context (its context processors give the
        # layout its values) or when a value to vary on is missing.
        if context.get("request") is None or None in values:
            return self.nodelist.render(context)
        key = ("kept", get_language(), get_script_prefix(), *values)
        return mark_safe(fragments.kept(key, lambda: self.nodelist.render(context)))  # noqa: S308 - rendered template


@register.tag
def kept(parser, token):
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not vary_on:
        raise template.TemplateSyntaxError("{% kept %} needs a name for the part")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, vary_on)
