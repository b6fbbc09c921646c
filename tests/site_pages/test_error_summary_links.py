"""Where error summary links point (the browser test follows them on every form)."""

from django import forms

from protected_forms.templatetags.error_summary_links import error_target


class Choices(forms.Form):
    groups = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    name = forms.CharField()


def test_a_choice_question_links_to_its_first_input_and_a_text_box_to_itself():
    form = Choices(data={})
    assert error_target("id_groups", form["groups"]) == "id_groups_1"
    assert error_target("id_name", form["name"]) == "id_name"


def test_an_error_with_no_field_keeps_its_link():
    assert error_target("id_anything", "") == "id_anything"
