"""The README's two set-up commands and .ci/run stay in step."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text.split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", first_screen, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line and line[0] != "#"]


def test_first_screen_has_exactly_two_commands_demo_and_tests():
    commands = _readme_commands()
    assert len(commands) == 2, commands
    demo, tests = commands
    assert demo.endswith("tmnet demo")
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_word_for_word():
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci_lines


def _console_blocks() -> list[tuple[str, str]]:
    """(command, printed output) of every ```console block of the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        first, _, rest = body.partition("\n")
        assert first.startswith("$ tmnet "), first
        blocks.append((first[2:], rest.rstrip("\n")))
    return blocks


def _mask(text: str) -> str:
    """Timings differ from run to run; every decimal fraction is masked."""
    return re.sub(r"\d+\.\d+(e[-+]?\d+)?", "<t>", text)


def test_readme_tour_shows_what_the_commands_print_today(tmp_path, monkeypatch, capsys):
    import shlex

    from tmnet.cli import main

    monkeypatch.chdir(tmp_path)  # the tour writes pal6.net and f16.net, then reads them
    blocks = _console_blocks()
    assert len(blocks) >= 8
    for command, shown in blocks:
        code = main(shlex.split(command)[1:])
        printed = capsys.readouterr().out.rstrip("\n")
        assert code == 0, command
        assert _mask(printed) == _mask(shown), f"README output of `{command}` is stale"


def test_readme_python_example_runs_and_its_comments_hold():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    tmnet = namespace["tmnet"]
    assert "import tmnet\n" in code and "import machines" not in code
    assert tmnet.run(namespace["m"], "0110").outcome is tmnet.Outcome.ACCEPT
    assert tmnet.simulate(namespace["net"], "011110").outputs == {"accept": 1}
