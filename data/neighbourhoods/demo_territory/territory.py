"""What the FICTIONAL territory Buurtegem is made of: its codes, names, grid and the
socio-economic profile of each neighbourhood. Nothing here is real."""

MUNICIPALITY = {"code": "99001", "name": "Buurtegem"}
FICTIONAL_NOTE = "FICTIONAL demo territory Buurtegem: invented geometry, names and figures."

COLS, ROWS = 5, 4
CENTRE_LON, CENTRE_LAT = 3.98, 50.95
WIDTH_DEG = 0.0855  # ~6.0 km at this latitude (1 degree of longitude is ~70 km here)
HEIGHT_DEG = 0.0450  # ~5.0 km
LON0 = CENTRE_LON - WIDTH_DEG / 2
LAT0 = CENTRE_LAT - HEIGHT_DEG / 2
DX = WIDTH_DEG / COLS
DY = HEIGHT_DEG / ROWS

DISTRICTS = [
    {"code": "99001D1", "name": "Buurtegem-Centrum"},
    {"code": "99001D2", "name": "Noord"},
    {"code": "99001D3", "name": "Oost"},
    {"code": "99001D4", "name": "Zuidwest"},
]

# code suffix, name, district suffix, grid column (west->east), grid row (south->north),
# socio-economic profile used for the indicators.
#
#   row 3   Heidebos     Klaverveld   Molenwijk     Hoge Akker     Kouterhoek
#   row 2   Lindenhof    Kerkveld     Marktwijk     Spinnerijwijk  Kasteeldreef
#   row 1   Rozenberg    Stationsb.   Sluispark     Brouwerijwijk  Beekdal
#   row 0   Kapelhoek    Ganzeweide   Nieuwe Dries  Vaartkant      Meersen
NEIGHBOURHOODS = [
    ("W01", "Stationsbuurt", "D1", 1, 1, "vulnerable"),
    ("W02", "Kerkveld", "D1", 1, 2, "vulnerable"),
    ("W03", "Marktwijk", "D1", 2, 2, "middle"),
    ("W04", "Sluispark", "D1", 2, 1, "gentrifying"),
    ("W05", "Brouwerijwijk", "D1", 3, 1, "gentrifying"),
    ("W06", "Heidebos", "D2", 0, 3, "affluent"),
    ("W07", "Klaverveld", "D2", 1, 3, "middle"),
    ("W08", "Molenwijk", "D2", 2, 3, "middle"),
    ("W09", "Hoge Akker", "D2", 3, 3, "middle"),
    ("W10", "Spinnerijwijk", "D2", 3, 2, "gentrifying"),
    ("W11", "Kouterhoek", "D3", 4, 3, "affluent"),
    ("W12", "Kasteeldreef", "D3", 4, 2, "affluent"),
    ("W13", "Beekdal", "D3", 4, 1, "middle"),
    ("W14", "Meersen", "D3", 4, 0, "middle"),
    ("W15", "Vaartkant", "D3", 3, 0, "middle"),
    ("W16", "Lindenhof", "D4", 0, 2, "affluent"),
    ("W17", "Rozenberg", "D4", 0, 1, "affluent"),
    ("W18", "Kapelhoek", "D4", 0, 0, "middle"),
    ("W19", "Ganzeweide", "D4", 1, 0, "vulnerable"),
    ("W20", "Nieuwe Dries", "D4", 2, 0, "middle"),
]


def ncode(suffix: str) -> str:
    return MUNICIPALITY["code"] + suffix
