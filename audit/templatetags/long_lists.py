from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from audit.list_index import long_list_date_hierarchy
from audit.list_rows import long_list_result_list

register = template.Library()


@register.tag(name="long_list_results")
def long_list_results_tag(parser, token):
    """As Django's `result_list` tag (same template, change_list_results.html), rows drawn once per column."""
    return InclusionAdminNode(
        parser, token, func=long_list_result_list, template_name="change_list_results.html", takes_context=False
    )


@register.tag(name="long_list_date_hierarchy")
def long_list_date_hierarchy_tag(parser, token):
    """As Django's `date_hierarchy` tag (same template), the periods read from the index."""
    return InclusionAdminNode(
        parser, token, func=long_list_date_hierarchy, template_name="date_hierarchy.html", takes_context=False
    )
