"""2026 财政项目支出绩效目标申报表 (Shanghai), forms.md §3.1."""
from .model import Target2026

TITLE = "财政项目支出绩效目标申报表"
MODEL = Target2026
