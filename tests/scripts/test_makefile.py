"""`make run` serves the demo; `make run TERRITORY=…` a real territory and no demo."""

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def recipe(*args: str) -> str:
    done = subprocess.run(
        ["make", "-n", "run", *args], cwd=REPO, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_make_run_loads_the_demo():
    commands = recipe()
    assert "manage.py load_demo" in commands
    assert "load_territory" not in commands and "--remove" not in commands


def test_make_run_with_a_territory_loads_it_instead_of_the_demo():
    commands = recipe("TERRITORY=44021,11002")
    assert "manage.py load_demo --remove" in commands
    assert "manage.py load_territory 44021,11002" in commands
    assert commands.index("--remove") < commands.index("load_territory")
