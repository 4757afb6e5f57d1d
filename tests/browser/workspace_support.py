"""What the workspace's browser tests share: Sofie's password, the Dutch weekday names of
the form's labels, typing a date, and logging in by the form's labels."""

import datetime

from playwright.sync_api import Locator, Page

PASSWORD = "een-lang-genoeg-wachtwoord"
WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def fill_date(group: Locator, day: datetime.date) -> None:
    """Types a date into the design system's three boxes (Dag, Maand, Jaar) of a field."""
    group.get_by_label("Dag", exact=True).fill(str(day.day))
    group.get_by_label("Maand", exact=True).fill(str(day.month))
    group.get_by_label("Jaar", exact=True).fill(str(day.year))


def log_in(page: Page, url: str, username: str = "sofie") -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
