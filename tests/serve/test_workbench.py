"""The workbench over HTTP: workspace, editor, live review, 暂存/保存, conflicts, new filings, downloads,
uploads with their diff. Files are read back with the project's own loader and writers' readers."""
from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
from docx import Document
from openpyxl import load_workbook
from starlette.testclient import TestClient

from reportgen.cli import main
from reportgen.forms import FORMS, add_user_folders
from reportgen.load import load, read_source
from reportgen.serve.app import Settings, create_app
from reportgen.serve.data import english
from reportgen.serve.folder import version
from tests.forms.folders import edit

from .conftest import SAMPLES, TOKEN

TARGET = "01-incubation-base-operation.yaml"


def as_editor(value: object) -> object:
    """Return file data as the editor's inputs send it: every value a string, paragraphs one per line."""
    if isinstance(value, dict):
        return {k: as_editor(v) for k, v in value.items()}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if isinstance(value, list):
        return [as_editor(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, (Decimal, int, date)):
        return str(value)
    return value


def editor_data(folder, name, form):
    data = read_source(folder / name).data
    return as_editor(english(data, FORMS[form].definition.schema["fields"]))


def post(client, url, body):
    return client.post(url, json=body, headers={"X-CSRF-Token": client.csrf})


def test_the_workspace_lists_every_filing_with_its_form_project_amounts_and_findings(client):
    page = client.get("/").text
    row = re.search(r'<tr data-file="selfeval.yaml">(.*?)</tr>', page, re.S).group(1)
    assert "财政项目支出绩效自评表" in row and "创业孵化基地运行保障" in row
    assert "7,300,000.00" in row and "7,295,544.00" in row and "<td>优</td>" in row
    counts = re.findall(r'class="rg-count[^"]*">(\d+)</td>', row)
    assert counts == ["0", "2", "2"]  # as reportgen check counts them: RG204 and RG702; RG406 twice
    assert page.count('<tr data-file=') == 4


def test_the_editor_is_made_from_the_schema_with_the_files_values(client):
    page = client.get(f"/edit?file={TARGET}").text
    assert 'data-key="annual" data-kind="money"' in page
    assert 'value="4,087,500.00"' in page  # money with separators
    assert page.count('data-node="list" data-key="items"') >= 4  # the tree's rows, as lists
    assert "<textarea" in page  # paragraphs as text areas
    assert "＋ 添加三级指标" in page


def test_a_checked_edit_returns_the_findings_of_check_at_their_fields(client, folder):
    data = editor_data(folder, "selfeval.yaml", "selfeval-2020")
    data["funds"]["total"]["executed"] = "8,000,000.00"  # above the budget
    answer = post(client, "/api/check", {"file": "selfeval.yaml", "form": "selfeval-2020", "data": data}).json()
    over = [p for p in answer["problems"] if p["code"] == "RG205"]
    assert [(p["path"], p["severity"]) for p in over] == [("funds.total", "warning")]
    rate = next(f for f in answer["figures"] if f["name"] == "execution_rate")
    assert rate["value"] == "109.59%" and rate["beside"] == "funds.total.executed"


def test_a_draft_with_errors_is_saved_but_a_final_save_is_refused_until_fixed(client, folder):
    opened = version((folder / TARGET).read_bytes())
    data = editor_data(folder, TARGET, "target-2026")
    data["funds"]["annual"] = "四百万"
    body = {"file": TARGET, "form": "target-2026", "data": data, "version": opened}
    refused = post(client, "/api/save", {**body, "mode": "save"})
    assert refused.status_code == 422 and "未保存" in refused.json()["error"]
    assert version((folder / TARGET).read_bytes()) == opened
    draft = post(client, "/api/save", {**body, "mode": "draft"})
    assert draft.status_code == 200 and draft.json()["review"]["counts"]["error"] >= 1
    assert "四百万" in (folder / TARGET).read_text(encoding="utf-8")
    data["funds"]["annual"] = "4,100,000.00"
    data["funds"]["annual_fiscal"] = "4,100,000.00"
    saved = post(client, "/api/save", {**body, "data": data, "version": draft.json()["version"], "mode": "save"})
    assert saved.status_code == 200
    assert load(folder / TARGET).funds.annual == Decimal("4100000.00")
    assert subprocess.run([".venv/bin/reportgen", "check", str(folder / TARGET)], capture_output=True).returncode == 0


def test_a_file_changed_on_disk_since_it_was_opened_is_not_overwritten(client, folder):
    opened = version((folder / TARGET).read_bytes())
    data = editor_data(folder, TARGET, "target-2026")
    other = (folder / TARGET).read_text(encoding="utf-8").replace("创业孵化基地运行保障", "另一个程序改的名称")
    (folder / TARGET).write_text(other, encoding="utf-8")
    body = {"file": TARGET, "form": "target-2026", "data": data, "version": opened, "mode": "draft"}
    conflict = post(client, "/api/save", body)
    assert conflict.status_code == 409 and conflict.json()["conflict"]
    assert "另一个程序改的名称" in (folder / TARGET).read_text(encoding="utf-8")
    copy = post(client, "/api/save", {**body, "copy": True})
    assert copy.json()["file"] == "01-incubation-base-operation-副本.yaml"
    assert "另一个程序改的名称" in (folder / TARGET).read_text(encoding="utf-8")
    assert load(folder / copy.json()["file"]).project.name == "创业孵化基地运行保障"


def test_saving_keeps_the_files_comments_and_key_order(client, folder):
    created = post(client, "/api/new", {"form": "target-2026", "name": "新项目"}).json()
    text = (folder / created["file"]).read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("#")][:2]
    data = editor_data(folder, created["file"], "target-2026")
    data["project"]["name"] = "新的项目名称"
    body = {"file": created["file"], "form": "target-2026", "data": data, "version": version(text.encode()),
            "mode": "draft"}
    assert post(client, "/api/save", body).status_code == 200
    saved = (folder / created["file"]).read_text(encoding="utf-8")
    assert saved.splitlines()[:len(head)] == head
    assert "  name: 新的项目名称  # 项目名称" in saved.splitlines()  # the starter's comment after the key
    keys = [line.split(":")[0] for line in saved.splitlines() if re.match(r"^[a-z]", line)]
    assert keys == ["form", "year", "unit", "project", "funds", "goals", "indicators"]


def test_a_monitoring_form_is_made_from_a_target_filing(client, folder):
    page = client.get("/").text
    offered = re.findall(r'<option value="([^"]+)">', re.search(r'<select name="target">(.*?)</select>', page, re.S).group(1))
    targets = sorted(path.name for path in folder.glob("*.yaml") if "form: target-2026" in path.read_text(encoding="utf-8"))
    assert TARGET in offered and sorted(offered) == targets  # what some prefill.from names, not the other filings
    assert len(list(folder.glob("*.yaml"))) > len(targets)
    answer = post(client, "/api/new", {"form": "monitor", "name": "监控", "target": TARGET})
    assert answer.status_code == 200
    made = load(folder / "监控.yaml")
    assert made.project.name == "创业孵化基地运行保障"
    assert made.indicators[0].groups[0].items[0].name == "人均会议成本"


def test_an_existing_file_is_never_replaced_by_a_new_filing(client, folder):
    before = (folder / TARGET).read_bytes()
    answer = post(client, "/api/new", {"form": "target-2026", "name": TARGET})
    assert answer.status_code == 409
    assert (folder / TARGET).read_bytes() == before


def test_the_preview_is_the_html_writers_page_of_the_edited_values(client, folder):
    data = editor_data(folder, TARGET, "target-2026")
    data["project"]["name"] = "预览中的新名称"
    answer = post(client, "/api/preview", {"file": TARGET, "form": "target-2026", "data": data}).json()
    assert "预览中的新名称" in answer["html"] and "财政项目支出绩效目标申报表" in answer["html"]


@pytest.mark.slow
def test_downloads_are_the_writers_files_of_the_saved_filing(client, folder):
    pdf = client.get(f"/download?file={TARGET}&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True).stdout.decode()
    assert "创业孵化基地运行保障" in text
    docx = Document(io.BytesIO(client.get(f"/download?file={TARGET}&format=docx").content))
    assert any("4,087,500.00" in cell.text for table in docx.tables for row in table.rows for cell in row.cells)
    sheet = load_workbook(io.BytesIO(client.get(f"/download?file={TARGET}&format=xlsx").content)).active
    assert any(cell.value == Decimal("4087500") or cell.value == 4087500 for row in sheet.iter_rows() for cell in row)


@pytest.mark.slow
def test_the_booklet_of_the_folder_holds_every_form_without_errors(client):
    response = client.get("/booklet?format=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 1 + 4  # the summary, then one sheet per filing


@pytest.mark.slow
def test_an_uploaded_edited_workbook_shows_its_changes_and_only_the_accepted_ones_are_written(client, folder):
    workbook = load_workbook(io.BytesIO(client.get(f"/download?file={TARGET}&format=xlsx").content))
    sheet = workbook.active
    edits = 0
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "创业孵化基地运行保障":
                cell.value, edits = "改过的项目名称", edits + 1
            elif cell.value == "人均会议成本":
                cell.value, edits = "人均会议费用", edits + 1
    assert edits == 2
    out = io.BytesIO()
    workbook.save(out)
    uploaded = client.post("/api/upload", content=out.getvalue(),
                           headers={"X-CSRF-Token": client.csrf, "X-File-Name": "01-incubation-base-operation.xlsx"})
    assert uploaded.status_code == 200
    form = uploaded.json()["forms"][0]
    assert form["target"] == TARGET
    paths = [c["path"] for c in form["changes"]]
    assert paths == ["project.name", "indicators[0].groups[0].items[0].name"]
    accepted = post(client, "/api/accept", {"id": uploaded.json()["id"], "index": 0, "accept": [1]})
    assert accepted.status_code == 200
    saved = load(folder / TARGET)
    assert saved.project.name == "创业孵化基地运行保障"  # rejected
    assert saved.indicators[0].groups[0].items[0].name == "人均会议费用"  # accepted
    assert (folder / TARGET).read_text(encoding="utf-8").startswith("# 创业孵化基地运行保障 — seed")  # its comments


@pytest.mark.slow
def test_an_uploaded_booklet_matches_each_form_to_the_filing_of_its_project_and_form(client, folder):
    booklet = client.get("/booklet?format=xlsx").content
    uploaded = client.post("/api/upload", content=booklet,
                           headers={"X-CSRF-Token": client.csrf, "X-File-Name": quote("汇总册.xlsx")}).json()
    targets = sorted(form["target"] for form in uploaded["forms"])
    assert targets == sorted(p.name for p in folder.glob("*.yaml"))
    assert all(not form["new"] for form in uploaded["forms"])


@pytest.mark.slow
def test_an_upload_named_like_a_filing_of_another_form_becomes_a_new_file(client, folder):
    workbook = client.get(f"/download?file={TARGET}&format=xlsx").content
    before = (folder / "selfeval.yaml").read_bytes()
    uploaded = client.post("/api/upload", content=workbook,
                           headers={"X-CSRF-Token": client.csrf, "X-File-Name": "selfeval.xlsx"}).json()
    form = uploaded["forms"][0]
    assert form["target"] == "selfeval-2.yaml" and form["new"] and form["changes"] == []  # as exported
    assert post(client, "/api/accept", {"id": uploaded["id"], "index": 0, "accept": []}).status_code == 200
    assert load(folder / "selfeval-2.yaml").project.name == "创业孵化基地运行保障"
    assert (folder / "selfeval.yaml").read_bytes() == before


def test_a_sample_opened_and_saved_unchanged_loads_to_the_same_form(client, folder):
    for name, form in ((TARGET, "target-2026"), ("selfeval.yaml", "selfeval-2020")):
        before = load(folder / name)
        body = {"file": name, "form": form, "data": editor_data(folder, name, form),
                "version": version((folder / name).read_bytes()), "mode": "draft"}
        assert post(client, "/api/save", body).status_code == 200
        assert load(folder / name) == before, name
    assert (SAMPLES / "target-2026" / TARGET).read_bytes() != (folder / TARGET).read_bytes()  # it was rewritten


def test_a_users_own_form_gets_its_editor_and_is_saved_with_its_new_field(tmp_path, monkeypatch):
    forms, filings = tmp_path / "forms", tmp_path / "filings"
    filings.mkdir()
    monkeypatch.setenv("REPORTGEN_FORMS", "")
    assert main(["new-form", "my-selfeval", "--from", "selfeval-2020", "-o", str(forms)]) == 0
    edit(forms / "my-selfeval" / "schema.yaml", r"(?m)^(        reason: .*\n)",
         r"\1        evidence: {type: text, label: 佐证材料, optional: true}\n")
    add_user_folders([str(forms)])
    client = TestClient(create_app(Settings(folder=filings, port=8700, token=TOKEN)), base_url="http://127.0.0.1:8700")
    client.csrf = re.search(r'name="csrf" content="([^"]+)"', client.get(f"/?token={TOKEN}").text).group(1)
    created = post(client, "/api/new", {"form": "my-selfeval", "name": "mine"}).json()
    page = client.get(created["url"]).text
    assert page.count('data-key="evidence"') >= 2  # in the rows and in the template row for 添加
    data = editor_data(filings, "mine.yaml", "my-selfeval")
    data["indicators"][0]["groups"][0]["items"][0]["evidence"] = "签到表 12 份"
    body = {"file": "mine.yaml", "form": "my-selfeval", "data": data,
            "version": version((filings / "mine.yaml").read_bytes()), "mode": "save"}
    assert post(client, "/api/save", body).status_code == 200
    assert load(filings / "mine.yaml").indicators[0].groups[0].items[0].evidence == "签到表 12 份"


def test_a_file_that_cannot_be_read_opens_as_a_page_listing_its_problems(client, folder):
    (folder / "broken.yaml").write_text("form: target-2026\nproject: [unclosed\n", encoding="utf-8")
    page = client.get("/edit?file=broken.yaml")
    assert page.status_code == 422
    assert "RG10" in page.text and "第 " in page.text
    assert "Traceback" not in page.text
    row = re.search(r'<tr data-file="broken.yaml">(.*?)</tr>', client.get("/").text, re.S).group(1)
    assert "（无法读取）" in row


@pytest.mark.slow
def test_an_edited_upload_with_no_filing_to_update_is_a_new_file_taken_whole(client, folder):
    workbook = load_workbook(io.BytesIO(client.get(f"/download?file={TARGET}&format=xlsx").content))
    for row in workbook.active.iter_rows():
        for cell in row:
            if cell.value == "人均会议成本":
                cell.value = "人均会议费用"
    out = io.BytesIO()
    workbook.save(out)
    uploaded = client.post("/api/upload", content=out.getvalue(),
                           headers={"X-CSRF-Token": client.csrf, "X-File-Name": "colleague.xlsx"}).json()
    form = uploaded["forms"][0]
    assert form["target"] == "colleague.yaml" and form["new"] and len(form["changes"]) == 1
    refused = post(client, "/api/accept", {"id": uploaded["id"], "index": 0, "accept": []})
    assert refused.status_code == 400 and not (folder / "colleague.yaml").exists()
    assert post(client, "/api/accept", {"id": uploaded["id"], "index": 0, "accept": [0]}).status_code == 200
    assert load(folder / "colleague.yaml").indicators[0].groups[0].items[0].name == "人均会议费用"
