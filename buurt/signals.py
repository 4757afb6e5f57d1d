from django.dispatch import Signal

# Sent after area boundaries were created or changed, with `kind` and `area_ids`. Apps that
# derive data from boundaries (places' public points) listen; buurt itself depends on none.
areas_changed = Signal()

# Sent by bulk writes that bypass model signals (imports), so that caches of map data
# (vector tiles) know to refresh.
map_data_changed = Signal()
