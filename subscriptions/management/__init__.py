"""Management commands of subscriptions."""
