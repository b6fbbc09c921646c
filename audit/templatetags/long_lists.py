from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from audit.list_rows import long_list_result_list

register = template.Library()


@register.tag(name="long_list_results")
def long_list_results_tag(parser, token):
    """As Django's `result_list` tag (same template, change_list_results.html), rows drawn once per column."""
    return InclusionAdminNode(
        parser, token, func=long_list_result_list, template_name="change_list_results.html", takes_context=False
    )
