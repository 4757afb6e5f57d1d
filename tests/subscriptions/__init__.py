"""Tests of subscriptions without an account."""
