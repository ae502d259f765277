"""Form definitions as data: folders, variants, user folders, located errors, prefill."""
import shutil
from pathlib import Path

import pytest

from reportgen import load
from reportgen.cli import main
from reportgen.forms import FORMS
from reportgen.options import RenderOptions
from reportgen.pipeline import examine
from reportgen.resources import templates_dir
from tests.conftest import SAMPLES

BUILT_IN = templates_dir() / "forms"


@pytest.fixture(autouse=True)
def no_user_forms(monkeypatch):
    """Each test starts with the built-in forms only; ``--forms`` changes are undone after it."""
    monkeypatch.setenv("REPORTGEN_FORMS", "")  # recorded, so main()'s own setting is undone too


def codes(path: Path) -> list[str]:
    return [p.code for p in examine(path, RenderOptions())[1]]


def test_every_built_in_form_is_a_folder_of_data():
    assert {"target-2026", "target-2020", "selfeval-2019", "selfeval-2020", "monitor", "selfeval-sichuan",
            "selfeval-2019-self"} <= set(FORMS)
    for form_id in FORMS:
        definition = FORMS[form_id].definition
        assert definition.origin == "built-in" and definition.folder.parent == BUILT_IN
        assert FORMS[form_id].model.model_fields["form"].is_required()


def test_forms_lists_each_form_with_its_origin_and_parent(capsys):
    assert main(["forms"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "[内置]" in lines["target-2026"]
    assert "← selfeval-2020" in lines["selfeval-sichuan"] and "项目绩效自我评价" in lines["selfeval-2019-self"]
    # its place in the budget cycle, as its profile names it (cycle.stage), or — outside the cycle
    assert lines["monitor"].split()[1] == "运行监控表" and lines["target-2026"].split()[1] == "申报表"
    assert lines["dept-selfeval"].split()[1] == "—"


def test_a_variant_inherits_what_it_does_not_change():
    sichuan = FORMS["selfeval-sichuan"].model.model_fields
    national = FORMS["selfeval-2020"].model.model_fields
    funds = sichuan["funds"].annotation.model_fields
    assert "carryover" not in funds and {"special", "unit_funds", "reason"} <= set(funds)
    assert set(national) - {"form"} < set(sichuan)
    assert FORMS["selfeval-sichuan"].definition.profile["checks"]["stated_rate"] == \
        FORMS["selfeval-2020"].definition.profile["checks"]["stated_rate"]


@pytest.mark.parametrize("form_id", ["monitor", "selfeval-sichuan", "selfeval-2019-self"])
def test_new_forms_starters_check_clean(tmp_path, form_id):
    starter = tmp_path / f"{form_id}.yaml"
    assert main(["new", form_id, "-o", str(starter)]) == 0
    assert f"form: {form_id}\n" in starter.read_text(encoding="utf-8")
    assert codes(starter) == []


def test_a_user_folder_overrides_a_built_in_form_and_may_extend_it(tmp_path):
    own = tmp_path / "forms" / "target-2026"
    own.mkdir(parents=True)
    (own / "form.yaml").write_text("extends: target-2026\ntitle: 我省的申报表\n", encoding="utf-8")
    (own / "profile.yaml").write_text("checks:\n  vocabulary: null\n", encoding="utf-8")
    sample = SAMPLES / "target-2026" / "01-incubation-base-operation.yaml"
    odd = tmp_path / "odd.yaml"
    odd.write_text(sample.read_text(encoding="utf-8").replace("nature: 其他一次性项目", "nature: 新类型"),
                   encoding="utf-8")
    assert "RG607" in codes(odd)
    main(["forms", "--forms", str(tmp_path / "forms")])
    assert FORMS["target-2026"].title == "我省的申报表"
    assert FORMS["target-2026"].definition.parent == "target-2026"
    assert "RG607" not in codes(odd)


def test_new_form_copies_a_form_that_then_checks_like_a_built_in_one(tmp_path, capsys):
    forms = tmp_path / "forms"
    assert main(["new-form", "my-selfeval", "--from", "selfeval-2020", "-o", str(forms)]) == 0
    assert {p.name for p in (forms / "my-selfeval").iterdir()} >= {"form.yaml", "schema.yaml", "profile.yaml",
                                                                   "starter.yaml"}
    assert main(["new-form", "my-selfeval", "--from", "selfeval-2020", "-o", str(forms)]) == 1
    starter = tmp_path / "mine.yaml"
    assert main(["new", "my-selfeval", "--forms", str(forms), "-o", str(starter)]) == 0
    assert main(["check", str(starter), "--strict"]) == 0
    bad = starter.read_text(encoding="utf-8").replace("score: 30\n", "score: 31\n")
    starter.write_text(bad, encoding="utf-8")
    assert "RG503" in codes(starter)


BROKEN = [
    ("schema.yaml", "fields:\n  year: {type: year, label: 年度}\n  project: {type: txet}\n", 3, "txet"),
    ("schema.yaml", "fields: [\n", 2, "YAML"),
    ("schema.yaml", "fields:\n  year: {type: year}\n  year: {type: year}\n", 3, "year"),
    ("schema.yaml", "fields:\n  kind: {type: choice, choices: []}\n", 2, "choices"),
    ("profile.yaml", "checks:\n  no_such_rule: {}\n", 2, "no_such_rule"),
    ("profile.yaml", "checks:\n  sums: [{code: RG201, total: funds.nothing, parts: []}]\n", 2, "sums"),
    ("form.yaml", "id: broken\nextends: no-such-form\n", 2, "no-such-form"),
    ("form.yaml", "title: x\nid: other\n", 2, "other"),
]


@pytest.mark.parametrize("file, text, line, word", BROKEN)
def test_a_broken_definition_is_a_located_error_not_a_traceback(tmp_path, capsys, file, text, line, word):
    folder = tmp_path / "forms" / "broken"
    shutil.copytree(BUILT_IN / "target-2026", folder)
    (folder / "form.yaml").write_text("id: broken\ntitle: 坏表\n", encoding="utf-8")
    (folder / file).write_text(text, encoding="utf-8")
    data = tmp_path / "x.yaml"
    data.write_text((BUILT_IN / "target-2026" / "starter.yaml").read_text(encoding="utf-8")
                    .replace("form: target-2026", "form: broken"), encoding="utf-8")
    assert main(["check", str(data), "--forms", str(tmp_path / "forms")]) == 2
    err = capsys.readouterr().err
    assert f"{folder / file}:{line}:" in err and word in err and "Traceback" not in err


def test_monitor_is_prefilled_from_a_target_form_for_every_sample(tmp_path):
    for sample in sorted((SAMPLES / "target-2026").glob("*.yaml")):
        out = tmp_path / f"{sample.stem}.yaml"
        assert main(["new", "monitor", "--from-target", str(sample), "-o", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        target = load(sample)
        assert target.project.name in text and "&id" not in text
        problems = examine(out, RenderOptions())[1]
        assert not [p.format() for p in problems if p.severity == "error"], sample.name


def test_monitor_from_a_self_evaluation_is_refused(tmp_path, capsys):
    sample = next((SAMPLES / "selfeval-2020").glob("*.yaml"))
    assert main(["new", "monitor", "--from-target", str(sample), "-o", str(tmp_path / "m.yaml")]) == 2
    assert "target" in capsys.readouterr().err


MONITOR = (BUILT_IN / "monitor" / "starter.yaml").read_text(encoding="utf-8")


def test_a_doubtful_indicator_requires_the_closing_texts(tmp_path):
    doubtful = tmp_path / "m.yaml"
    doubtful.write_text(MONITOR.replace("likelihood: 确定能    #", "likelihood: 有可能    #"), encoding="utf-8")
    found = [(p.code, p.path, p.line) for p in examine(doubtful, RenderOptions())[1]]
    lines = MONITOR.splitlines()
    deviation = next(n for n, line in enumerate(lines, start=1) if line.startswith("deviation: []"))
    assert found == [("RG811", "deviation", deviation),
                     ("RG811", "suggestions", len(lines))]
    explained = MONITOR.replace("likelihood: 确定能    #", "likelihood: 不可能    #").replace(
        "deviation: []", "deviation: [场地改造推迟]").replace("suggestions: []", "suggestions: [下半年加开场次]")
    doubtful.write_text(explained, encoding="utf-8")
    assert codes(doubtful) == []


def test_execution_behind_time_without_a_reason_is_a_warning(tmp_path):
    behind = tmp_path / "m.yaml"
    behind.write_text(MONITOR.replace("executed: 520000.00", "executed: 300000.00"), encoding="utf-8")
    found = examine(behind, RenderOptions())[1]
    assert [(p.code, p.path) for p in found if p.code == "RG207"] == [("RG207", "funds.total.executed")]
    assert "30.00%" in found[0].message() and "50.00%" in found[0].message()
    behind.write_text(MONITOR.replace("executed: 520000.00", "executed: 300000.00")
                      .replace("deviation: []", "deviation: [采购合同下半年支付]"), encoding="utf-8")
    assert "RG207" not in codes(behind)


def test_definition_and_template_errors_cross_process_boundaries():
    import pickle

    from reportgen.errors import DefinitionError, LayoutTemplateError
    from reportgen.messages import msg

    bad, worse = msg("layout.field-no-field", path="a"), msg("layout.field-no-field", path="b")
    several = DefinitionError.collected([DefinitionError("a/schema.yaml", 5, bad, 3),
                                         DefinitionError("a/form.yaml", 2, worse, 1)])
    assert str(several).splitlines() == ["a/form.yaml:2:1: field('b')：不是表单的字段",
                                         "a/schema.yaml:5:3: field('a')：不是表单的字段"]
    assert several.shown("en").splitlines() == ["a/form.yaml:2:1: field('b') names no field of the form",
                                                "a/schema.yaml:5:3: field('a') names no field of the form"]
    for error in (DefinitionError("a/form.yaml", 3, bad), LayoutTemplateError("l.html.j2", 7, bad), several):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error) and copy.line == error.line


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["pdf", "docx", "xlsx"])
def test_the_new_forms_book_in_every_format(tmp_path, suffix):
    for form_id in ("monitor", "selfeval-sichuan", "selfeval-2019-self"):
        assert main(["new", form_id, "-o", str(tmp_path / f"{form_id}.yaml")]) == 0
    booklet = tmp_path / f"unit.{suffix}"
    assert main(["booklet", str(tmp_path), "-o", str(booklet)]) == 0
    if suffix == "xlsx":
        from openpyxl import load_workbook

        titles = [ws.title for ws in load_workbook(booklet)]
        assert titles[0] == "汇总表" and len(titles) == 4
    elif suffix == "pdf":
        from tests.conftest import pdf_pages

        text = "".join(pdf_pages(booklet))
        assert all(title in text for title in ("项目支出绩效运行监控表", "部门预算项目支出绩效自评表", "项目绩效自我评价"))
    else:
        from tests.conftest import docx_text

        assert "项目支出绩效运行监控表" in docx_text(booklet)


def test_a_target_form_with_errors_is_reported_line_by_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("form: target-2026\nyear: 2026\n", encoding="utf-8")
    assert main(["new", "monitor", "--from-target", str(bad), "-o", str(tmp_path / "m.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "RG110" in err and not (tmp_path / "m.yaml").exists()


def test_prefill_names_the_forms_it_is_filled_from_and_takes_their_variants(tmp_path, capsys):
    """monitor's prefill.from: [target-2026] admits a bureau's variant of it; an old folder's
    prefill.kind: target (deprecated) means a form at the reference stage of the cycle."""
    forms = tmp_path / "forms"
    (forms / "target-bureau").mkdir(parents=True)
    (forms / "target-bureau" / "form.yaml").write_text("extends: target-2026\ntitle: 某局绩效目标申报表\n", encoding="utf-8")
    (forms / "old-monitor").mkdir()
    (forms / "old-monitor" / "form.yaml").write_text("extends: monitor\nkind: monitor\n", encoding="utf-8")
    (forms / "old-monitor" / "profile.yaml").write_text("prefill:\n  from: null\n  kind: target\n", encoding="utf-8")
    sample = next((SAMPLES / "target-2026").glob("*.yaml"))
    bureau = tmp_path / "bureau.yaml"
    bureau.write_text(sample.read_text(encoding="utf-8").replace("form: target-2026", "form: target-bureau"),
                      encoding="utf-8")
    for form, source in (("monitor", bureau), ("old-monitor", sample), ("old-monitor", bureau)):
        out = tmp_path / f"{form}-{source.stem}.yaml"
        assert main(["new", form, "--from-target", str(source), "-o", str(out), "--forms", str(forms)]) == 0, form
        assert load(source).project.name in out.read_text(encoding="utf-8")
    selfeval = next((SAMPLES / "selfeval-2020").glob("*.yaml"))
    assert main(["new", "old-monitor", "--from-target", str(selfeval), "-o", str(tmp_path / "x.yaml"),
                 "--forms", str(forms)]) == 2
    assert "old-monitor" in capsys.readouterr().err
