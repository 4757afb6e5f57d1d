"""What the workspace's browser tests share: Sofie's password, the Dutch weekday names of
the form's labels, and logging in by the form's labels."""

from playwright.sync_api import Page

PASSWORD = "een-lang-genoeg-wachtwoord"
WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def log_in(page: Page, url: str, username: str = "sofie") -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
