"""What a form computes, as named library functions its profile lists under ``computed:``.

```yaml
computed:
  execution_rate: {fn: ratio, of: [funds.total.executed, funds.total.adjusted]}
  execution_score: {fn: capped_score, weight: funds.weight, rate: calc.execution_rate}
  score_total: {fn: total, of: [calc.execution_score, "indicators[*].groups[*].items[*].score"]}
  grade: {fn: grade, score: calc.score_total, scheme: settings.grade_scheme}
```

An argument is an earlier figure (``calc.NAME``), a field path (``[*]`` for every element) or a
number. Templates and rules read the figures as ``calc.NAME`` too.
A form needing a new kind of computation adds one function here; any form can then name it.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .. import scoring
from ..source import paths

CALC = "calc."
Function = Callable[["Args"], object]
FUNCTIONS: dict[str, Function] = {}


def function(name: str) -> Callable[[Function], Function]:
    def register(fn: Function) -> Function:
        FUNCTIONS[name] = fn
        return fn

    return register


class Args:
    """The arguments of one computation, resolved against the form and what was computed before it."""

    def __init__(self, form: object, done: dict, spec: dict):
        self.form, self.done, self.spec = form, done, spec

    def value(self, key: str, default: object = None) -> object:
        """Return one argument's value: a computed name, a field, or the literal itself."""
        ref = self.spec.get(key, default)
        if isinstance(ref, str):
            return self._one(ref)
        return Decimal(str(ref)) if isinstance(ref, (int, float)) and not isinstance(ref, bool) else ref

    def values(self, key: str) -> list:
        """Return every value the list argument ``key`` names, wildcards expanded."""
        out: list = []
        for ref in self.spec.get(key, ()):
            if isinstance(ref, str) and ref.startswith(CALC):
                out.append(self._one(ref))
            elif isinstance(ref, str):
                out += [value for _, value in paths.select(self.form, ref)]
            else:
                out.append(Decimal(str(ref)))
        return out

    def _one(self, ref: str) -> object:
        if ref.startswith(CALC):
            return self.done[ref[len(CALC):]]
        return paths.get(self.form, ref)


def compute(form: object, specs: dict) -> dict:
    """Return every computed figure of ``form``, in the order its profile declares them."""
    done: dict = {}
    for name, spec in specs.items():
        try:
            done[name] = FUNCTIONS[spec["fn"]](Args(form, done, spec))
        except (TypeError, ArithmeticError, LookupError, ValueError, paths.PathError):
            done[name] = None  # a value it needs is missing: the figure is blank, as the form prints it
    return done


@function("ratio")
def _ratio(args: Args):
    """执行率 = 执行数 / 预算数, unrounded; None without a budget."""
    executed, budget = args.values("of")
    return scoring.execution_rate(executed, budget)


@function("capped_score")
def _capped_score(args: Args):
    """预算执行率得分 = 分值 × min(执行率, 1), two decimals."""
    return scoring.execution_score(args.value("weight"), args.value("rate"))


@function("total")
def _total(args: Args):
    """The sum of every value named, blanks counting as nothing, two decimals."""
    return scoring.total(args.values("of"))


@function("grade")
def _grade(args: Args):
    """The grade of a total in a grade scheme (a scheme name or the setting holding one)."""
    return scoring.GRADE_SCHEMES[args.value("scheme")].grade(args.value("score"))


@function("rate_shown")
def _rate_shown(args: Args):
    """A rate as the form prints it, in percent: exact to two decimals, or whole percent."""
    return scoring.rate_percent(args.value("rate"), whole=args.value("display", "exact") == "whole-percent")


@function("group_totals")
def _group_totals(args: Args):
    """Per element of ``groups``, the sum of the ``field`` of every item below it (一级 points)."""
    field = args.spec.get("field", "weight")
    return [scoring.total(value for _, value in paths.select(group, f"{args.spec['items']}.{field}"))
            for _, group in paths.select(args.form, args.spec["groups"])]


@function("equals")
def _equals(args: Args):
    """True when a field (a setting) holds the literal ``to``: whole_percent from settings.rate_display."""
    return args.value("value") == args.spec.get("to")
