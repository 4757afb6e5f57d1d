"""The distances of coverage, owned here and read by the query, the API's parameters, the
dashboard and its downloads: change a threshold in this one place."""

# Flanders' 15-minute-basket thresholds: 15 minutes on foot, 15 minutes by bicycle. Walking
# is also the API's default distance.
WALKING_M = 1200
CYCLING_M = 3750
# Every resident point probes the places index with this radius: a bound keeps one request
# from turning into a comparison of every point with every place.
MAX_DISTANCE_M = 20_000
