"""2020 财政项目支出绩效自评表 (Shanghai; national layout of 财预〔2020〕10号), forms.md §1.1, §3.4."""
from .model import SelfEval2020

TITLE = "财政项目支出绩效自评表"
MODEL = SelfEval2020
