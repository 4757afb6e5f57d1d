"""Subscriptions without an account: the weekly digest and the reminder the day before,
their double opt-in, mails and delivery channel (issue 17)."""
