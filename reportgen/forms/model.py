"""The base of every form model: its fields come from ``schema.yaml``, its figures from ``profile.yaml``."""
from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from ..source import paths
from .calc import CALC, compute
from .schema import StrictModel
from .summary import Summary


class FormModel(StrictModel):
    """A validated form. ``calc`` holds what its profile computes; ``summary()`` its booklet line."""

    definition: ClassVar[object]  # the Definition the class was built from

    @cached_property
    def calc(self) -> dict:
        return compute(self, self.definition.profile.get("computed", {}))

    def figure(self, ref: object) -> object:
        """Return a computed figure (``calc.score_total``), a field's value (``funds.total``), or ``ref``."""
        if isinstance(ref, str):
            return self.calc[ref[len(CALC):]] if ref.startswith(CALC) else paths.get(self, ref)
        return ref

    def summary(self) -> Summary:
        spec = dict(self.definition.profile.get("summary", {}))
        table = spec.pop("table", self.definition.kind)  # which table of the 汇总表 the line goes in
        values = {key: self.figure(ref) for key, ref in spec.items() if ref is not None}
        return Summary(kind=table, **values)
