"""The pages, one module per page family: public (home, activity, neighbourhood, embeds),
posters, workspace (list and form), cancellation, history, feeds, moderation, workers and
dashboard; guards.py holds who may open them. Views stay thin: reads call query functions,
writes call services."""
