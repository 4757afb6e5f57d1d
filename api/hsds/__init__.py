"""Buurtwijzer as an Open Referral HSDS 3.0 directory: the API under /api/hsds/ and the
`export_hsds` files, for service directories (Sociale Kaart, 211-style systems) and research.

Only what the public may see is published: published activities (as services), their
organisations, the public projection of their places (places.public: a place shown by its area
only is at the area's point, without address), and the seven work models as a taxonomy."""
