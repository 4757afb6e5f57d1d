from django.dispatch import Signal

# Sent inside the transaction of a write on places (with `place_ids`), so that data derived
# from where places are (the kept coverage figures in events) changes with them; places
# itself depends on none of those apps.
places_changed = Signal()
