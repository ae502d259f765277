"""The geometry stage, between the grid and the writers: text measured, columns fitted, pages
planned, rows cut to the page and to the spreadsheet clients' limits.

``plan(layout, options)`` is the way in. Every writer receives its ``PlannedForm`` and never
plans, so PDF, DOCX and XLSX print the same widths and break pages at the same rows.
"""
from .plan import PlannedForm, page_count, page_style, plan, plan_all

__all__ = ["PlannedForm", "page_count", "page_style", "plan", "plan_all"]
