"""The subscriptions' commands: send_digests and send_reminders."""
