"""The generator of the FICTIONAL demo territory Buurtegem's geometry and figures; run it
with `python data/neighbourhoods/make_demo_territory.py`."""
