"""The seven work models, activities, schedules and dated occurrences, their history,
moderation, the spoken languages."""
