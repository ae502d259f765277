"""2020 财政项目支出绩效目标表 (Shanghai), forms.md §3.2."""
from .model import Target2020

TITLE = "财政项目支出绩效目标表"
MODEL = Target2020
