"""The territory: areas (municipality, district, neighbourhood, statistical sector), indicator
values, boundary imports."""
