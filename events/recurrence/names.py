"""The names a schedule is said with: weekdays, months, positions of a weekday in the month
and days of the month, as lazy gettext strings (rendered in the active language)."""

from django.utils.translation import pgettext_lazy

WEEKDAYS = (
    pgettext_lazy("weekday in a schedule", "Monday"),
    pgettext_lazy("weekday in a schedule", "Tuesday"),
    pgettext_lazy("weekday in a schedule", "Wednesday"),
    pgettext_lazy("weekday in a schedule", "Thursday"),
    pgettext_lazy("weekday in a schedule", "Friday"),
    pgettext_lazy("weekday in a schedule", "Saturday"),
    pgettext_lazy("weekday in a schedule", "Sunday"),
)

MONTHS = (
    pgettext_lazy("month in a date", "January"),
    pgettext_lazy("month in a date", "February"),
    pgettext_lazy("month in a date", "March"),
    pgettext_lazy("month in a date", "April"),
    pgettext_lazy("month in a date", "May"),
    pgettext_lazy("month in a date", "June"),
    pgettext_lazy("month in a date", "July"),
    pgettext_lazy("month in a date", "August"),
    pgettext_lazy("month in a date", "September"),
    pgettext_lazy("month in a date", "October"),
    pgettext_lazy("month in a date", "November"),
    pgettext_lazy("month in a date", "December"),
)

# Position of a weekday in the month (BYDAY=1TH, BYDAY=-1SA). The French translations carry
# their article ("le premier", "l'avant-dernier"): French puts it before each position.
WEEKDAY_POSITIONS = {
    1: pgettext_lazy("weekday position in the month", "first"),
    2: pgettext_lazy("weekday position in the month", "second"),
    3: pgettext_lazy("weekday position in the month", "third"),
    4: pgettext_lazy("weekday position in the month", "fourth"),
    5: pgettext_lazy("weekday position in the month", "fifth"),
    -1: pgettext_lazy("weekday position in the month", "last"),
    -2: pgettext_lazy("weekday position in the month", "second-to-last"),
}

# Days of the month as said in a schedule ("on the 1st and 15th"); the Dutch and French
# translations carry their article ("de 1ste", "le 1er"), which those languages put before
# each day. Only days up to 28 are said (see LAST_SAFE_MONTH_DAY).
MONTH_DAYS = (
    pgettext_lazy("day of the month in a schedule", "1st"),
    pgettext_lazy("day of the month in a schedule", "2nd"),
    pgettext_lazy("day of the month in a schedule", "3rd"),
    pgettext_lazy("day of the month in a schedule", "4th"),
    pgettext_lazy("day of the month in a schedule", "5th"),
    pgettext_lazy("day of the month in a schedule", "6th"),
    pgettext_lazy("day of the month in a schedule", "7th"),
    pgettext_lazy("day of the month in a schedule", "8th"),
    pgettext_lazy("day of the month in a schedule", "9th"),
    pgettext_lazy("day of the month in a schedule", "10th"),
    pgettext_lazy("day of the month in a schedule", "11th"),
    pgettext_lazy("day of the month in a schedule", "12th"),
    pgettext_lazy("day of the month in a schedule", "13th"),
    pgettext_lazy("day of the month in a schedule", "14th"),
    pgettext_lazy("day of the month in a schedule", "15th"),
    pgettext_lazy("day of the month in a schedule", "16th"),
    pgettext_lazy("day of the month in a schedule", "17th"),
    pgettext_lazy("day of the month in a schedule", "18th"),
    pgettext_lazy("day of the month in a schedule", "19th"),
    pgettext_lazy("day of the month in a schedule", "20th"),
    pgettext_lazy("day of the month in a schedule", "21st"),
    pgettext_lazy("day of the month in a schedule", "22nd"),
    pgettext_lazy("day of the month in a schedule", "23rd"),
    pgettext_lazy("day of the month in a schedule", "24th"),
    pgettext_lazy("day of the month in a schedule", "25th"),
    pgettext_lazy("day of the month in a schedule", "26th"),
    pgettext_lazy("day of the month in a schedule", "27th"),
    pgettext_lazy("day of the month in a schedule", "28th"),
)
