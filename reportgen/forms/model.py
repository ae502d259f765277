"""The base of every form model: its fields come from ``schema.yaml``, its figures from ``profile.yaml``."""
from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from ..errors import SummaryError
from ..messages import msg
from ..source import paths
from .calc import CALC, compute
from .schema import StrictModel
from .summary import Summary, section_of


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
        """Return the form's line in a booklet's 汇总表, in the section its profile declares."""
        spec = self.definition.profile.get("summary") or {}
        try:
            section = section_of(spec.get("section"))
        except SummaryError as exc:
            raise self.definition.fail("profile.yaml", ("summary",) + exc.path, exc.message) from None
        try:
            values = tuple(self.figure(c.value) for c in section.columns)
            whole = tuple(bool(self.figure(c.whole)) if c.whole else False for c in section.columns)
            name = self.figure(spec["name"]) if spec.get("name") else ""
            group = self.figure(section.group_by) if section.group_by else ""
        except (paths.PathError, KeyError) as exc:
            raise self.definition.fail("profile.yaml", ("summary",), msg("forms.summary-no-field", exc=exc)) from None
        return Summary(section, str(name or ""), values, whole, str(group or ""))
