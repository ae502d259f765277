"""The workbench in a real browser: Debian's Chromium, headless, driven by Playwright.

Each test starts the server on a free port of 127.0.0.1 (it stops with the test) and a browser
that has opened the token link.
"""
from __future__ import annotations

import io
import re
import subprocess

import pytest
from openpyxl import load_workbook

from reportgen.load import load

pytestmark = pytest.mark.slow

TARGET = "01-incubation-base-operation.yaml"
RATE_IS = "r => document.querySelector('#rg-figures [data-figure=execution_rate] b').textContent === r"


def field(page, path):
    return page.locator(f'[data-path="{path}"] .rg-input').first


def open_editor(context, live, name):
    page = context.new_page()
    page.goto(f"{live.url}/edit?file={name}")
    page.wait_for_selector("#rg-counts:not(:empty)")
    return page


def status_says(page, text):
    page.wait_for_function("t => document.getElementById('rg-status').textContent.includes(t)", arg=text)


def test_the_workspace_opens_and_a_filing_opens_in_the_editor(context, live):
    page = context.new_page()
    page.goto(live.url + "/")
    assert page.locator("tr[data-file]").count() == 4
    assert page.locator('tr[data-file="selfeval.yaml"]').inner_text().count("7,300,000.00") == 1
    page.click(f'a.rg-open[href="/edit?file={TARGET}"]')
    page.wait_for_selector("#rg-counts:not(:empty)")
    assert field(page, "project.name").input_value() == "创业孵化基地运行保障"
    assert field(page, "funds.annual").input_value() == "4,087,500.00"
    page.wait_for_function("document.getElementById('rg-preview').srcdoc.includes('创业孵化基地运行保障')")


def test_an_amount_changes_the_rate_and_a_finding_and_fixing_it_removes_the_finding(context, live):
    page = open_editor(context, live, "selfeval.yaml")
    rate = page.locator('#rg-figures [data-figure="execution_rate"] b')
    assert rate.inner_text() == "99.94%"
    assert page.locator('[data-path="funds.total"] .rg-msg', has_text="RG205").count() == 0
    executed = field(page, "funds.total.executed")
    executed.fill("8000000")
    page.wait_for_function(RATE_IS, arg="109.59%")
    page.locator('[data-path="funds.total"] .rg-msg', has_text="RG205").wait_for()
    assert page.locator("#rg-findings li", has_text="RG205").count() == 1
    executed.fill("7,295,544.00")
    page.wait_for_function(RATE_IS, arg="99.94%")
    page.locator('[data-path="funds.total"] .rg-msg', has_text="RG205").wait_for(state="detached")
    assert page.locator("#rg-findings li", has_text="RG205").count() == 0


def test_money_gets_its_separators_when_the_field_is_left(context, live):
    page = open_editor(context, live, TARGET)
    annual = field(page, "funds.annual")
    annual.fill("4100000")
    field(page, "project.name").focus()
    assert annual.input_value() == "4,100,000.00"


def test_an_indicator_row_is_added_moved_and_removed(context, live, folder):
    page = open_editor(context, live, TARGET)
    items = page.locator('[data-path="indicators[0].groups[0].items"]')
    rows = items.locator(":scope > .rg-rows > .rg-row")
    assert rows.count() == 2
    items.locator(":scope > .rg-add").click()
    assert rows.count() == 3
    rows.nth(2).locator('[data-key="name"] .rg-input').fill("新增的指标")
    rows.nth(2).locator('[data-key="target"] .rg-input').fill("≤100(元)")
    rows.nth(2).locator(':scope > .rg-row-tools [data-action="up"]').click()
    page.wait_for_function("window.RGEditor.data().indicators[0].groups[0].items[1].name === '新增的指标'")
    page.click("#rg-draft")
    status_says(page, "已暂存")
    saved = load(folder / TARGET).indicators[0].groups[0].items
    assert [item.name for item in saved] == ["人均会议成本", "新增的指标", "企业孵化服务成本"]
    rows.nth(1).locator(':scope > .rg-row-tools [data-action="remove"]').click()
    assert rows.count() == 2
    page.click("#rg-save")
    status_says(page, "已保存")
    saved = load(folder / TARGET).indicators[0].groups[0].items
    assert [item.name for item in saved] == ["人均会议成本", "企业孵化服务成本"]


def test_a_draft_with_an_error_is_kept_and_the_fixed_form_is_saved_and_passes_check(context, live, folder):
    page = open_editor(context, live, TARGET)
    field(page, "funds.annual").fill("四百万")
    page.locator('[data-path="funds.annual"] .rg-msg', has_text="RG112").wait_for()
    page.click("#rg-save")
    status_says(page, "未保存")
    assert "四百万" not in (folder / TARGET).read_text(encoding="utf-8")
    page.click("#rg-draft")
    status_says(page, "已暂存")
    assert "四百万" in (folder / TARGET).read_text(encoding="utf-8")
    field(page, "funds.annual").fill("4,100,000.00")
    field(page, "funds.annual_fiscal").fill("4,100,000.00")
    page.click("#rg-save")
    status_says(page, "已保存，检查通过")
    assert load(folder / TARGET).funds.annual == 4100000
    check = subprocess.run([".venv/bin/reportgen", "check", str(folder / TARGET)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_second_tabs_save_is_not_lost(context, live, folder):
    first = open_editor(context, live, TARGET)
    second = open_editor(context, live, TARGET)
    field(second, "project.name").fill("第二个标签页的名称")
    second.click("#rg-save")
    status_says(second, "已保存")
    field(first, "project.implementer").fill("第一个标签页的单位")
    first.click("#rg-save")
    first.locator("#rg-banner:not([hidden])").wait_for()
    assert "已被修改" in first.locator("#rg-banner").inner_text()
    assert load(folder / TARGET).project.name == "第二个标签页的名称"
    first.click("#rg-save-copy")
    first.wait_for_url(re.compile(r"file=01-incubation-base-operation-"))
    assert load(folder / "01-incubation-base-operation-副本.yaml").project.implementer == "第一个标签页的单位"
    assert load(folder / TARGET).project.name == "第二个标签页的名称"


def test_the_pdf_download_holds_the_saved_value(context, live):
    page = open_editor(context, live, TARGET)
    field(page, "project.name").fill("下载验证项目")
    page.click("#rg-save")
    status_says(page, "已保存")
    with page.expect_download() as info:
        page.click('a.rg-download[href*="format=pdf"]')
    pdf = info.value.path().read_bytes()
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "下载验证项目" in text


def test_an_uploaded_edited_workbook_is_compared_and_its_accepted_change_saved(context, live, folder, tmp_path):
    page = context.new_page()
    page.goto(live.url + "/")
    with page.expect_download() as info:
        page.click(f'tr[data-file="{TARGET}"] a[href*="format=xlsx"]')
    workbook = load_workbook(io.BytesIO(info.value.path().read_bytes()))
    for row in workbook.active.iter_rows():
        for cell in row:
            if cell.value == "人均会议成本":
                cell.value = "人均会议费用"
    edited = tmp_path / "01-incubation-base-operation.xlsx"
    workbook.save(edited)
    page.set_input_files('#rg-upload input[type="file"]', str(edited))
    page.click('#rg-upload button[type="submit"]')
    page.locator(".rg-changes tbody tr").first.wait_for()
    assert page.locator(".rg-changes tbody tr").count() == 1
    assert "人均会议费用" in page.locator(".rg-changes .rg-new").inner_text()
    page.click(".rg-accept")
    page.wait_for_url(re.compile(r"/edit\?file="))
    page.wait_for_selector("#rg-counts:not(:empty)")
    assert field(page, "indicators[0].groups[0].items[0].name").input_value() == "人均会议费用"
    assert load(folder / TARGET).indicators[0].groups[0].items[0].name == "人均会议费用"


def test_a_new_filing_starts_from_its_forms_starter(context, live, folder):
    page = context.new_page()
    page.goto(live.url + "/")
    page.select_option('#rg-new select[name="form"]', "selfeval-2020")
    page.fill('#rg-new input[name="name"]', "新自评")
    page.click('#rg-new button[type="submit"]')
    page.wait_for_url(re.compile(r"/edit\?file="))
    page.wait_for_selector("#rg-counts:not(:empty)")
    assert (folder / "新自评.yaml").read_text(encoding="utf-8").count("form: selfeval-2020") == 1
    assert page.locator('[data-path="indicators"]').count() == 1
