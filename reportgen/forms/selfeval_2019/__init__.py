"""2019 项目绩效自评价 (Shanghai), forms.md §3.3."""
from .model import SelfEval2019

TITLE = "项目绩效自评价"
MODEL = SelfEval2019
