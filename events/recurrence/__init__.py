"""When an activity repeats: RFC 5545 rules, the plain terms of the form, a bounded date
search and the schedule in words."""
