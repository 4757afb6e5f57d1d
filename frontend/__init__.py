"""The pages (Django templates, Leaflet through django-leaflet): public, posters, workspace,
moderation, workers, dashboard."""
