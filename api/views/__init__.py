"""API v1 views, thin, by concept: reads call query functions, writes call services,
parameters are checked by the serializers in api.params."""
