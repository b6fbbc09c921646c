"""Where each link of a form's error summary points.

crispy-forms-gds links every error to the field's own id, but checkboxes and
radios render one input per choice (id_<name>_1, id_<name>_2, ...) and no element
has the field's id, so the link went nowhere. GOV.UK's pattern links to the first
input of the question.
"""

from django import forms, template

register = template.Library()

# Widgets the GDS pack renders as one input per choice, numbered from 1.
CHOICE_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.filter
def error_target(field_id: str, bound_field) -> str:
    """The id the error link for field_id (the field's own or a sub-field's) should focus."""
    # A form with only non-field errors passes no bound field: the link stays as it is.
    if not isinstance(bound_field, forms.BoundField):
        return field_id
    if field_id == bound_field.auto_id and isinstance(bound_field.field.widget, CHOICE_WIDGETS):
        return f"id_{bound_field.html_name}_1"
    return field_id
