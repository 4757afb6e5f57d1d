"""Plumbing with no domain: database reads and the replica, GeoJSON and vector-tile SQL,
the vocabulary of imports, accepted spatial references and the one language normaliser."""
