"""Every external program the project starts is installed (or checked for) by
scripts/setup.sh, so that a fresh machine is never missing one that happened to be on the
machine where a test was written.

The programs are found the way a reader would find them: subprocess calls, shutil.which and
Playwright's executable_path in Python (code, bench/, scripts/, tests/), and the commands in
the shell scripts and the Makefile. Programs of Debian's Essential and required packages
(coreutils, grep, sed, apt-get, ...) are on every Debian and Ubuntu and need no step."""

import ast
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SETUP = REPO / "scripts" / "setup.sh"
PYTHON_ROOTS = ["buurt", "places", "events", "api", "frontend", "config", "core", "data"]
PYTHON_ROOTS += ["bench", "scripts", "tests"]
# docker-entrypoint.sh runs inside the image, where the Dockerfile is the set-up.
SHELL_SCRIPTS = [
    path for path in sorted((REPO / "scripts").glob("*.sh")) if path.name != "docker-entrypoint.sh"
]
SHELL_SCRIPTS += [REPO / ".ci" / "run", REPO / "Makefile"]

SUBPROCESS_CALLS = {"run", "Popen", "call", "check_call", "check_output"}
SHELL_KEYWORDS = {
    "if", "then", "elif", "else", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "in", "function", "select", "time", "{", "}", "!", "[[", "]]",
    # Makefile directives
    "ifdef", "ifndef", "ifeq", "ifneq", "endif", "define", "endef", "include", "export",
}  # fmt: skip
# Words that run the command after them: the program is the next word.
WRAPPERS = {"exec", "sudo", "runuser", "env", "nohup", "timeout", "xargs"}


def test_the_finder_sees_programs_in_python_and_shell():
    python = programs_in_python('import subprocess\nsubprocess.run(["ogr2ogr", "-f", "x"])\n')
    assert python == {"ogr2ogr"}
    shell = programs_in_shell('x="$(pg_config --version | sed s/a/b/)"\nexec pytest "$@"\n')
    assert {"pg_config", "sed", "pytest"} <= shell


def test_setup_installs_or_checks_every_program_the_project_runs():
    provided = programs_setup_provides()
    started: dict[str, set[str]] = {}
    for path in python_files():
        for program in programs_in_python(path.read_text(), where=path):
            started.setdefault(program, set()).add(str(path.relative_to(REPO)))
    for path in SHELL_SCRIPTS:
        for program in programs_in_shell(path.read_text()) - functions_in_shell(path.read_text()):
            started.setdefault(program, set()).add(str(path.relative_to(REPO)))

    missing = {
        program: sorted(where)
        for program, where in started.items()
        if program not in provided and program not in base_system_programs()
    }
    assert not missing, "scripts/setup.sh neither installs nor checks for: " + "; ".join(
        f"{program} (started in {', '.join(where)})" for program, where in sorted(missing.items())
    )


def python_files() -> list[Path]:
    files = []
    for root in PYTHON_ROOTS:
        if (REPO / root).is_dir():
            files += [p for p in (REPO / root).rglob("*.py") if "migrations" not in p.parts]
    return files


def programs_in_python(source: str, where: Path | None = None) -> set[str]:
    """The programs named by subprocess calls, shutil.which and executable_path=."""
    tree = ast.parse(source)
    constants = module_constants(tree)
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node.func)
        for keyword in node.keywords:
            if keyword.arg == "executable_path":
                found.add(program_of(keyword.value, constants, where))
        if name == "which" and node.args:
            found.add(program_of(node.args[0], constants, where))
        elif name in SUBPROCESS_CALLS and node.args and is_subprocess(node.func):
            command = node.args[0]
            first = command.elts[0] if isinstance(command, ast.List) else command
            found.add(program_of(first, constants, where))
    return {program for program in found if program}


def is_subprocess(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and call_name(func.value) == "subprocess"


def call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Names bound to one value in the module, so that CHROMIUM = "/usr/bin/chromium" and
    docker_compose = shutil.which("docker-compose") resolve."""
    values: dict[str, ast.expr] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                values[target.id] = node.value
    return values


def program_of(node: ast.expr, constants: dict[str, ast.expr], where: Path | None) -> str:
    """The program a command's first word names; '' for the running Python itself."""
    if isinstance(node, ast.Name) and node.id in constants:
        node = constants[node.id]
        if isinstance(node, ast.Call) and call_name(node.func) == "which":
            return ""  # counted where shutil.which names it
        if isinstance(node, ast.List):
            node = node.elts[0]
    if isinstance(node, ast.Call) and call_name(node.func) == "which":
        return ""  # counted where shutil.which names it
    if isinstance(node, ast.Attribute) and call_name(node) == "executable":
        return ""  # sys.executable: the virtualenv's Python
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        word = node.value.split()[0]
        if word.startswith(".venv/"):
            return ""  # made by setup.sh step 2
        return word.rsplit("/", 1)[-1]
    pytest.fail(
        f"{where}:{node.lineno}: cannot tell which program this call starts; name it with a "
        "string or a module-level constant so that this test can check its installation."
    )


def programs_in_shell(text: str) -> set[str]:
    """The words in command position of a shell script or a Makefile's recipes."""
    wrappers = WRAPPERS | wrapper_functions(text)
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#") or not line:
            continue
        line = re.sub(r"(^|\s)#.*$", "", line)  # trailing comments
        line = re.sub(r"'[^']*'", "''", line)  # single-quoted words are data
        line = re.sub(r'"(?:[^"$]|\$(?!\())*"', '""', line)  # and double-quoted, but $(...)
        line = re.sub(r"\$\{?SUDO\}?", "sudo", line)  # setup.sh's way to act as root
        line = re.sub(r"[A-Za-z_]\w*\+?=\([^)]*\)", "", line)  # array assignments
        line = re.sub(r"\$\(([A-Z_]+)\)|\$\{[^}]*\}|\$[A-Za-z_]\w*", "__var__", line)
        # Command substitutions are commands of their own.
        while match := re.search(r"\$\(([^()]*)\)|`([^`]*)`", line):
            lines.append(match.group(1) or match.group(2) or "")
            line = line[: match.start()] + "__sub__" + line[match.end() :]
        lines.append(line.lstrip("@-"))  # Makefile recipe prefixes
    found = set()
    for line in lines:
        for segment in re.split(r"\|\||&&|[;|&(){}]", line):
            word = command_word(segment.split(), wrappers)
            if word and re.fullmatch(r"[a-z][a-z0-9._+-]*", word):
                found.add(word)
    return found - bash_builtins()


def command_word(words: list[str], wrappers: set[str]) -> str:
    """The program a simple command runs: past keywords, assignments and wrappers (with
    their options) such as sudo -n -u postgres."""
    if words and words[0] in ("for", "select", "case"):
        return ""  # for NAME in WORDS: no command here
    while words:
        word = words[0].strip('"')
        if word in SHELL_KEYWORDS or re.fullmatch(r"[A-Za-z_]\w*\+?=.*", word):
            words = words[1:]
        elif word == "__var__":
            return ""  # a program held in a variable ($(PY) is the virtualenv's Python)
        elif word in wrappers:
            words = words[1:]
            while words and (words[0].startswith("-") or re.fullmatch(r"\d+[smh]?", words[0])):
                takes_value = words[0] in ("-u", "-g")
                words = words[2:] if takes_value else words[1:]
        elif word in ("command", "type") and len(words) > 1 and words[1] == "-v":
            return ""  # command -v X only asks
        else:
            return word
    return ""


def wrapper_functions(text: str) -> set[str]:
    """Shell functions that run their arguments ("$@"), such as setup.sh's as_postgres."""
    wrappers, lines = set(), text.splitlines()
    for number, line in enumerate(lines):
        match = re.match(r"^(\s*)([A-Za-z_][\w-]*)\s*\(\)\s*\{(.*)$", line)
        if not match:
            continue
        indent, name, rest = match.groups()
        body = [rest]
        if "}" not in rest:  # not a one-liner: up to the brace at the same indentation
            for following in lines[number + 1 :]:
                if following.rstrip() == indent + "}":
                    break
                body.append(following)
        if re.search(r'(?<!in )"\$@"', "\n".join(body)):
            wrappers.add(name)
    return wrappers


def functions_in_shell(text: str) -> set[str]:
    names = set(re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\(\)\s*\{", text, re.MULTILINE))
    # Makefile targets are not programs either.
    return names | set(re.findall(r"^([a-z][a-z0-9_-]*):", text, re.MULTILINE))


def programs_setup_provides() -> set[str]:
    """Programs that setup.sh installs (`need PROGRAM PACKAGE`) or checks for
    (`command -v PROGRAM`, `[ -x /usr/bin/PROGRAM ]`) before anything uses them."""
    text = SETUP.read_text()
    provided = set(re.findall(r"^\s*need\s+(\S+)\s+\S+", text, re.MULTILINE))
    provided |= set(re.findall(r"command -v\s+\"?([a-z][a-z0-9._+-]*)", text))
    provided |= set(re.findall(r"-x\s+\"?/usr/s?bin/([a-z][a-z0-9._+-]*)", text))
    # Programs that the project's own set-up creates: the virtualenv's and npm's.
    provided |= {"python", "python3", "pip", "ruff", "pytest", "bash", "make"}
    return provided


@cache
def bash_builtins() -> set[str]:
    done = subprocess.run(["bash", "-c", "compgen -b -k"], capture_output=True, text=True)
    return set(done.stdout.split())


@cache
def base_system_programs() -> set[str]:
    """Programs of Debian's Essential and required packages, on every Debian and Ubuntu."""
    listing = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\t${Essential}\t${Priority}\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    packages = [
        line.split("\t")[0]
        for line in listing.splitlines()
        if line.split("\t")[1] == "yes" or line.split("\t")[2] == "required"
    ]
    files = subprocess.run(["dpkg", "-L", *packages], capture_output=True, text=True).stdout
    programs = {
        Path(path).name for path in files.splitlines() if re.match(r"^/(usr/)?s?bin/[^/]+$", path)
    }
    # awk is mawk's (a required package) through the alternatives system, not in its file list.
    return programs | {"awk"}
