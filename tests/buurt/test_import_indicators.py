from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from buurt.models import IndicatorValue

pytestmark = pytest.mark.django_db
HEADER = "area_kind,area_code,indicator,year,value\n"


def run(path) -> str:
    out = StringIO()
    call_command("import_indicators", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_values_are_imported_and_updated_idempotently(territory, tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        HEADER + "neighbourhood,T0001W1,share_renters,2023,0.41\n"
        "neighbourhood,T0001W2,median_income,2023,28500\n"
    )
    assert "created 2, updated 0, unchanged 0" in run(path)
    assert "created 0, updated 0, unchanged 2" in run(path)
    path.write_text(HEADER + "neighbourhood,T0001W1,share_renters,2023,0.45\n")
    assert "updated 1" in run(path)
    assert IndicatorValue.objects.get(indicator="share_renters").value == 0.45


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("neighbourhood,NOPE,share_renters,2023,0.4", "line 3: unknown area"),
        ("neighbourhood,T0001W1,happiness,2023,0.4", "line 3: unknown indicator"),
        ("neighbourhood,T0001W1,share_renters,2023,veel", "line 3: year and value must be numbers"),
        ("neighbourhood,T0001W1,share_renters,2023,1.4", "line 3: 1.4 is out of range"),
        ("neighbourhood,T0001W1,share_renters,2023", "line 3: needs exactly 5 columns"),
        ("neighbourhood,T0001W1,share_renters,2023,nan", "out of range"),
    ],
)
def test_bad_lines_are_rejected_with_line_numbers_and_nothing_is_written(
    territory, tmp_path, line, message
):
    path = tmp_path / "bad.csv"
    # A good line first: "nothing written" is tested too.
    path.write_text(HEADER + "neighbourhood,T0001W2,median_income,2023,28500\n" + line + "\n")
    err = StringIO()
    with pytest.raises(CommandError, match="rejected; nothing was written"):
        call_command("import_indicators", str(path), stdout=StringIO(), stderr=err)
    assert message in err.getvalue()
    assert not IndicatorValue.objects.exists()


def test_duplicate_rows_and_bad_files(territory, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(
        HEADER + "neighbourhood,T0001W1,share_renters,2023,0.4\n"
        "neighbourhood,T0001W1,share_renters,2023,0.5\n"
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), stdout=StringIO(), stderr=err)
    assert "line 3: duplicates line 2" in err.getvalue()
    with pytest.raises(CommandError, match="does not exist"):
        run(tmp_path / "missing.csv")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("code,value\nT0001W1,3\n")
    with pytest.raises(CommandError, match="must have the columns"):
        run(wrong)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(CommandError):
        run(binary)
    assert not IndicatorValue.objects.exists()
