"""``reportgen forms --check DIR``: a form folder linted end to end before a bureau shares it."""
import re
import shutil

import pytest

from reportgen.cli import main
from reportgen.resources import templates_dir

BUILT_IN = templates_dir() / "forms"


@pytest.fixture(autouse=True)
def no_user_forms(monkeypatch):
    monkeypatch.setenv("REPORTGEN_FORMS", "")


@pytest.fixture
def mine(tmp_path):
    folder = tmp_path / "forms" / "mine"
    assert main(["new-form", "mine", "--from", "target-2026", "-o", str(tmp_path / "forms")]) == 0
    return folder


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def checked(folder, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["forms", "--check", str(folder)])
    said = capsys.readouterr()
    assert "Traceback" not in said.err and "内部错误" not in said.err, said.err
    return code, said.out, said.err


def test_a_sound_copy_passes_every_stage_in_every_format(mine, capsys):
    code, out, err = checked(mine, capsys)
    assert code == 0 and "✓ mine" in out and "pdf, docx, xlsx, html" in out, (out, err)


BAD_LAYOUTS = [
    ("a binding naming no field", '{{ field("project.department", colspan=2) }}',
     '<td class="value" colspan="2" data-bind="project.contcat">{{ p.department }}</td>',
     'data-bind="project.contcat" 不是表单的字段'),
    ("a cell printing another field than it binds", '{{ field("project.department", colspan=2) }}',
     '<td class="value" colspan="2" data-bind="project.department">{{ p.implementer }}</td>',
     "绑定 project.department 的单元格印的是“上海市某某中心”"),
    ("a field bound twice", '{{ field("project.department", colspan=2) }}',
     '{{ field("project.implementer", colspan=2) }}', "字段 project.implementer 被绑定了两次"),
    ("a required field printed unbound", '{{ field("project.department", colspan=2) }}',
     '<td class="value" colspan="2">{{ p.department }}</td>', "必填字段 project.department"),
    ("field() of no field", '{{ field("project.department", colspan=2) }}',
     '{{ field("project.departmant", colspan=2) }}', "field('project.departmant')"),
]


@pytest.mark.parametrize("case, old, new, said", BAD_LAYOUTS, ids=[c[0] for c in BAD_LAYOUTS])
def test_a_mis_bound_or_unbound_cell_is_named_with_its_template_line_and_field(mine, capsys, case, old, new, said):
    layout = mine / "layout.html.j2"
    edit(layout, old, new)
    path = re.search(r'"(project\.\w+)"', new)
    lines = [i for i, text in enumerate(layout.read_text(encoding="utf-8").splitlines(), 1)
             if path and path[1] in text]
    code, out, err = checked(mine, capsys)
    assert code == 2 and said in err and "✗ mine" in err, err
    if case != "a required field printed unbound":  # found after reading: named by field, not by line
        assert any(f"{layout}:{line}:" in err for line in lines), err


def test_a_starter_with_errors_fails_the_check_at_its_line(mine, capsys):
    edit(mine / "starter.yaml", "annual: 1000000.00", "annual: 1000001.00")
    code, out, err = checked(mine, capsys)
    assert code == 2 and re.search(r"starter\.yaml:\d+:\d+  funds\.annual  错误 RG201", err), err


def test_a_definition_error_fails_the_check(mine, capsys):
    edit(mine / "profile.yaml", "checks:", "chekcs:")
    code, out, err = checked(mine, capsys)
    assert code == 2 and "chekcs" in err and "profile.yaml:" in err, err


def test_each_problem_of_a_broken_definition_is_a_line_of_its_own(mine, capsys):
    edit(mine / "form.yaml", "title:", "titel:")
    edit(mine / "profile.yaml", "checks:", "chekcs:")
    code, out, err = checked(mine, capsys)
    located = [line for line in err.splitlines() if re.match(r".*/(form|profile)\.yaml:\d+:\d+: ", line)]
    assert code == 2 and len(located) == 2 and "\\x0a" not in err, err


def test_columns_that_cannot_fit_the_page_fail_the_check(mine, capsys):
    edit(mine / "layout.html.j2", "{% set bounds = [(17, 22), (18, 30), (22, 34), (20, 45), (20, 45), (18, 30), (20, 34)] %}",
         "{% set bounds = [(17, 22), (18, 30), (22, 34), (20, 45), (20, 45), (58, 60), (50, 60)] %}")
    code, out, err = checked(mine, capsys)
    assert code == 2 and "版式几何错误" in err and "6: 58.0 mm" in err, err


@pytest.mark.parametrize("name", sorted(p.name for p in BUILT_IN.iterdir() if (p / "form.yaml").exists()))
def test_every_built_in_form_passes(name, capsys):  # a form at a time: the workers share them
    code, out, err = checked(BUILT_IN / name, capsys)
    assert code == 0 and out.startswith(f"✓ {name}") and out.count("✓") == 1, err


def test_a_mis_bound_cell_of_a_user_form_is_caught_by_render_too(mine, tmp_path, capsys):
    edit(mine / "layout.html.j2", '{{ field("project.department", colspan=2) }}',
         '<td class="value" colspan="2" data-bind="project.department">{{ p.implementer }}</td>')
    data = tmp_path / "x.yaml"
    data.write_text((mine / "starter.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["render", str(data), "-o", str(tmp_path / "out"), "-f", "html", "--forms", str(mine.parent)])
    err = capsys.readouterr().err
    assert code == 2 and "绑定 project.department 的单元格印的是“上海市某某中心”" in err, err
    assert not (tmp_path / "out" / "x.html").exists()


def test_a_bureau_variant_holding_only_what_differs_is_checked_as_strictly(tmp_path, capsys):
    """A Hubei self-evaluation at 20/80: 预算执行率 worth 20 points, its rule and default saying so."""
    folder = tmp_path / "forms" / "selfeval-hubei"
    folder.mkdir(parents=True)
    (folder / "form.yaml").write_text("id: selfeval-hubei\ntitle: 湖北省项目支出绩效自评表\nkind: selfeval\n"
                                      "extends: selfeval-2020\n", encoding="utf-8")
    (folder / "schema.yaml").write_text("fields:\n  funds:\n    fields:\n      weight: {default: 20}\n",
                                        encoding="utf-8")
    (folder / "profile.yaml").write_text("checks:\n  execution_weight: {weight: funds.weight, expected: 20}\n",
                                         encoding="utf-8")
    code, out, err = checked(folder, capsys)
    assert code == 0 and "✓ selfeval-hubei" in out and "RG507" in err, (out, err)  # the inherited starter says 10
    typo = tmp_path / "other" / "selfeval-hubei"  # another --forms folder: this process read the first one
    shutil.copytree(folder, typo)
    (typo / "schema.yaml").write_text("fields:\n  funds:\n    fields:\n      weight: {defualt: 20}\n",
                                      encoding="utf-8")
    folder = typo
    code, out, err = checked(folder, capsys)
    assert code == 2 and "defualt" in err and "default" in err and f"{folder / 'schema.yaml'}:4:" in err, err
