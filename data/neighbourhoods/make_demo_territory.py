#!/usr/bin/env python3
"""Generate the FICTIONAL demo territory Buurtegem.

Everything this script writes is invented: the geometry, the names and the figures. Any
resemblance to a real place is coincidence. The demo's organisations, places and activities
are not generated: they are written by hand in demo.yaml beside it.

Run from the repository root (standard library only, Python 3.11+):

    python data/neighbourhoods/make_demo_territory.py

It writes, next to itself:

    municipality.geojson    1 municipality (99001)
    districts.geojson       4 districts (99001D1..99001D4)
    neighbourhoods.geojson  20 neighbourhoods (99001W01..99001W20)
    indicators.csv          8 indicators x 2 years per neighbourhood

The output is deterministic: the same script gives byte-identical files. The generator
itself is the package demo_territory/ beside this script (territory.py: codes, names and
profiles; geometry.py: the polygons; figures.py: the indicators; write.py: the files).
"""

from pathlib import Path

from demo_territory.write import main

if __name__ == "__main__":
    main(Path(__file__).resolve().parent)
