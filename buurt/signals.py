from django.dispatch import Signal

# Sent after area boundaries were created or changed, with `kind` and `area_ids`. Apps that
# derive data from boundaries (places' public points) listen; buurt itself depends on none.
areas_changed = Signal()
