"""A form folder from someone else cannot read, write or delete anything, through any command.

Each attack of issue 17 is put into a copy of a built-in form, and every command that uses a
form folder is run against it: nothing outside the output folder changes, nothing secret is
printed, and the command ends with a located error, never a traceback or exit 4.
"""
import hashlib
import os
import shutil

import pytest

from reportgen.checks import cells
from reportgen.cli import main
from reportgen.layout import sandbox
from reportgen.layout.template import environment
from tests.conftest import SAMPLES

SECRET = "CANARY-7f3a-secret"
SAMPLE = SAMPLES / "target-2026" / "05-project-management-fee.yaml"

ATTACKS = {
    "read": "form.definition.folder.joinpath('{secret}').read_text()",
    "write": "form.definition.folder.joinpath('{victim}').write_text('owned')",
    "delete": "form.definition.folder.joinpath('{secret}').unlink()",
    "pth": "form.definition.folder.joinpath('{site}/evil.pth').write_text('import os')",
    "globals": "cycler.__init__.__globals__['os'].system('touch {victim}')",
    "calc": "calc.__class__.__mro__[1].__subclasses__()",
    "format": "'{{0.__class__}}'.format(title)",
    "huge": "'x' * 2000000000",
    "loop": "range(100000)|list|map('string')|join if false else ''}}{{% set r = range(100000)|list %}}"
            "{{% for i in r %}}{{% for j in r %}}{{% endfor %}}{{% endfor %}}{{{{ ''",
    "include-link": "'' }}{{% include 'secret.j2' %}}{{{{ ''",
}


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A folder with a secret, a place to write to, a fake virtual environment, and a form copy."""
    monkeypatch.setenv("REPORTGEN_FORMS", "")
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 1.0)
    outside = tmp_path / "outside"
    (outside / "venv" / "site-packages").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    forms = tmp_path / "forms"
    assert main(["new-form", "evil", "--from", "target-2026", "-o", str(forms)]) == 0
    data = tmp_path / "data" / "evil.yaml"
    data.parent.mkdir()
    data.write_text(SAMPLE.read_text(encoding="utf-8").replace("form: target-2026", "form: evil"), encoding="utf-8")
    return tmp_path, outside, forms / "evil", data


def poison(folder, attack: str, outside) -> None:
    expression = ATTACKS[attack].format(secret=outside / "secret.txt", victim=outside / "victim.txt",
                                        site=outside / "venv" / "site-packages")
    layout = folder / "layout.html.j2"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace("</body>", f'<p class="caption">{{{{ {expression} }}}}</p>\n</body>'),
                      encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "secret.j2")


def snapshot(root, leave_out) -> dict:
    state = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if os.path.join(folder, d) != str(leave_out)]
        for name in files + dirs:
            path = os.path.join(folder, name)
            if os.path.islink(path) or not os.path.isfile(path):
                state[path] = os.path.islink(path) and os.readlink(path)
            else:
                with open(path, "rb") as handle:
                    state[path] = hashlib.sha256(handle.read()).hexdigest()
    return state


def commands(forms, data, out, made):
    return {
        "render": ["render", str(data), "-o", str(out), "-f", "html,xlsx", "-j", "1"],
        "check": ["check", str(data)],
        "new": ["new", "evil", "-o", str(out / "fill.xlsx")],
        "booklet": ["booklet", str(data), "-o", str(out / "book.xlsx"), "-j", "1"],
        "import": ["import", str(made), "-o", str(out / "imported")],
        "forms": ["forms"],
        "new-form": ["new-form", "copy", "--from", "evil", "-o", str(out / "forms")],
    }


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_an_attacking_template_changes_nothing_outside_the_output_through_any_command(world, attack, capsys):
    tmp_path, outside, folder, data = world
    made = tmp_path / "made"
    assert main(["render", str(data), "-o", str(made), "-f", "xlsx", "-j", "1", "--forms", str(folder.parent)]) == 0
    poison(folder, attack, outside)
    environment.cache_clear()  # the render above compiled the template in this process
    cells._roles.clear()       # and read the form's roles from it
    out = tmp_path / "out"
    before = snapshot(tmp_path, out)
    for name, argv in commands(folder.parent, data, out, made / "evil.xlsx").items():
        capsys.readouterr()
        code = main([*argv, "--forms", str(folder.parent)])
        said = capsys.readouterr()
        assert snapshot(tmp_path, out) == before, (attack, name)
        assert SECRET not in said.out + said.err, (attack, name)
        assert "Traceback" not in said.err and code != 4, (attack, name, said.err)
        if name not in ("forms", "new-form"):  # these two list and copy text: they render nothing
            assert code in (1, 2) and "layout.html.j2:" in said.out + said.err, (attack, name, said)
    assert not (outside / "victim.txt").exists() and not list((outside / "venv" / "site-packages").iterdir())
    assert (outside / "secret.txt").read_text(encoding="utf-8") == SECRET
    for file in out.rglob("*"):
        assert not file.is_file() or SECRET.encode() not in file.read_bytes(), file


@pytest.mark.parametrize("name", ["starter.yaml", "schema.yaml", "form.yaml", "layout.html.j2"])
def test_a_file_of_the_folder_linked_outside_is_refused_and_never_quoted(world, name, capsys):
    tmp_path, outside, folder, data = world
    (outside / "secret.txt").write_text(f"{SECRET}: [", encoding="utf-8")  # quoted by a YAML error if read
    (folder / name).unlink()
    os.symlink(outside / "secret.txt", folder / name)
    argv = ["new", "evil", "-o", str(tmp_path / "x.yaml")] if name == "starter.yaml" else ["check", str(data)]
    code = main([*argv, "--forms", str(folder.parent), "--lang", "both"])
    said = capsys.readouterr()
    assert code == 2 and SECRET not in said.out + said.err, said
    assert f"{folder / name}:" in said.err and "符号链接" in said.err and "symbolic link" in said.err, said.err


def test_a_link_inside_the_folder_is_followed(world, capsys):
    tmp_path, outside, folder, data = world
    shutil.move(folder / "starter.yaml", folder / "real-starter.yaml")
    os.symlink("real-starter.yaml", folder / "starter.yaml")
    assert main(["new", "evil", "-o", str(tmp_path / "x.yaml"), "--forms", str(folder.parent)]) == 0


def test_a_special_file_is_refused_without_waiting_on_it(world, capsys):
    tmp_path, outside, folder, data = world
    (folder / "profile.yaml").unlink()
    os.mkfifo(folder / "profile.yaml")  # a read would block for ever
    assert main(["check", str(data), "--forms", str(folder.parent)]) == 2
    assert "不是普通文件" in capsys.readouterr().err


def test_a_form_folder_linked_from_outside_the_forms_folder_is_refused(world, capsys):
    tmp_path, outside, folder, data = world
    shutil.move(folder, outside / "evil")
    os.symlink(outside / "evil", folder)
    assert main(["forms", "--forms", str(folder.parent)]) == 2
    assert "符号链接" in capsys.readouterr().err


def test_forms_shows_the_escapes_of_a_title_instead_of_obeying_them(world, capsys):
    tmp_path, outside, folder, data = world
    form_yaml = folder / "form.yaml"
    form_yaml.write_text(form_yaml.read_text(encoding="utf-8").replace(
        "title: 财政项目支出绩效目标申报表", 'title: "\\e[2J\\e]0;pwned\\a表"'), encoding="utf-8")
    assert main(["forms", "--forms", str(folder.parent)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J\\x1b]0;pwned\\x07表" in out, out
