"""The REST API (/api/v1/): views, serializers, query parameters, vector tiles; no models."""
