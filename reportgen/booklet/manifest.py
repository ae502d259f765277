"""A booklet manifest: the unit, year, title, cover lines, the projects in order, print options.

```yaml
booklet:
  unit: 上海市科技创业中心
  year: 2026
  title: 上海市科技创业中心 2026 年度项目绩效目标汇总表
  date: 2026-11-24
  cover_lines: [财务处编]
  projects: [target-2026]            # files or folders, relative to this file, in order
  print: {profile: form, odd_pages: false, watermark: 征求意见稿}
```
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from ..forms.schema import Day, OptionalText, StrictModel, Year
from ..options import PDF_VARIANTS
from ..reproducible import document_date


class PrintOptions(StrictModel):
    profile: Literal["form", "gbt9704"] = "form"
    odd_pages: bool = False
    watermark: OptionalText = None
    pdf_variant: Literal[PDF_VARIANTS] | None = None


class Booklet(StrictModel):
    unit: OptionalText = None
    year: Year | None = None
    title: OptionalText = None
    date: Day | None = None
    cover_lines: list[str] = Field(default_factory=list)
    projects: list[str] = Field(min_length=1)
    print: PrintOptions = Field(default_factory=PrintOptions)


class Manifest(StrictModel):
    booklet: Booklet


def is_manifest(data: object) -> bool:
    return isinstance(data, dict) and "booklet" in data and "form" not in data


def default_date() -> date:

    return document_date().date()
