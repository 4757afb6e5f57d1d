"""Form markup that templates would draw too slowly."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def select_options(optgroups) -> SafeString:
    """The <optgroup> and <option> elements of a select widget's `optgroups`, escaped as the
    template language escapes them. In a template loop Flanders' 305 municipalities cost
    7 ms on every home page (24 µs an option); written here, a tenth of a millisecond. A
    Select's options carry no attributes but `selected`."""
    parts = []
    for group_name, group_choices, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            selected = " selected" if option["selected"] else ""
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{selected}>'
                f"{conditional_escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # every value above is escaped
