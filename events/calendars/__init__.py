"""Calendars in and out: the iCalendar feed we publish, the external ICS feeds we import and
the feed addresses we refuse."""
