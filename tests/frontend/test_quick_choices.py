"""The quick choices above the home page's list switch one filter of the query on or off."""

from django.http import QueryDict

from frontend.quick_choices import quick_choices


def by_key(query: str) -> dict:
    return {choice.key: choice for choice in quick_choices(QueryDict(query))}


def test_a_choice_adds_its_filter_and_keeps_the_search_words():
    choices = by_key("q=koffie&page=3&near=&area=")
    assert QueryDict(choices["free"].query).dict() == {"q": "koffie", "free": "on"}
    assert QueryDict(choices["today"].query).dict() == {"q": "koffie", "when": "today"}
    assert not any(choice.active for choice in choices.values())


def test_an_active_choice_switches_its_filter_off():
    choices = by_key("q=koffie&when=today&free=on")
    assert choices["today"].active and choices["free"].active
    assert QueryDict(choices["today"].query).dict() == {"q": "koffie", "free": "on"}
    assert QueryDict(choices["free"].query).dict() == {"q": "koffie", "when": "today"}
    # "This week" replaces "today" rather than adding a second window.
    assert QueryDict(choices["week"].query).getlist("when") == ["week"]


def test_typed_dates_give_way_to_today():
    choices = by_key("when=dates&from_date=2026-12-01&to_date=2026-12-24")
    assert QueryDict(choices["today"].query).dict() == {"when": "today"}
    # As the form's day, month and year boxes send them.
    boxes = "from_date_day=1&from_date_month=12&from_date_year=2026&to_date_day=24"
    choices = by_key(f"when=dates&{boxes}&q=soep")
    assert QueryDict(choices["week"].query).dict() == {"when": "week", "q": "soep"}


def test_near_me_is_active_with_a_point_or_a_neighbourhood_and_then_forgets_it():
    assert not by_key("")["near"].active
    near = by_key("near=3.99,50.96&work_model=peer")["near"]
    assert near.active and QueryDict(near.query).dict() == {"work_model": "peer"}
    assert by_key("area=99001W09")["near"].active
