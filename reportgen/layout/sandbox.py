"""The Jinja environment a form's layout template runs in: inert, bounded in time and size.

A form folder comes from anyone, so its template is treated like its data. On top of Jinja's
immutable sandbox:

- it calls only what is listed here: macros, the functions the environment names, and a few
  methods of text, mappings and loops that cannot grow a value (no ``str.format``, ``ljust``,
  ``replace``); the filters are a short list of the same kind;
- ``*``, ``**``, ``+`` and ``~`` refuse a result longer than ``MAX_TEXT`` characters or items (an
  integer larger than ``MAX_BITS`` bits), ``%`` does not format text;
- one render may print ``MAX_OUTPUT`` characters (macro outputs counted where they are printed)
  and run ``TIME_LIMIT`` seconds: past it the rendering thread gets ``TemplateTimeout`` from a
  watchdog thread (``PyThreadState_SetAsyncExc``, which reaches a loop that calls nothing).

Mappings are read field first: ``level2.items`` is the field ``items``, not ``dict.items``.
"""
from __future__ import annotations

import ctypes
import os
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from jinja2.compiler import CodeGenerator
from jinja2.runtime import BlockReference, LoopContext, Macro, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Cycler, Joiner

from ..messages import msg

TIME_LIMIT = 20.0          # seconds; the 10,000-indicator form renders in about 1 s
MAX_TEXT = 1_000_000       # characters (or items) of one value a template makes
MAX_BITS = 100_000         # bits of one integer a template makes
MAX_OUTPUT = 100_000_000   # characters printed by one render (a 10,000-indicator form: ~20 M)

FILTERS = ("abs", "attr", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first",
           "float", "groupby", "int", "items", "join", "last", "length", "list", "lower", "map", "max",
           "min", "reject", "rejectattr", "reverse", "round", "safe", "select", "selectattr", "sort",
           "string", "striptags", "sum", "title", "trim", "unique", "upper", "wordcount")
GLOBALS = ("range", "dict", "cycler", "joiner")
_METHODS = {
    str: {"startswith", "endswith", "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines",
          "upper", "lower", "title", "capitalize", "casefold", "find", "rfind", "index", "rindex",
          "count", "partition", "rpartition", "isdigit", "isdecimal", "isnumeric", "isalpha", "isspace"},
    dict: {"items", "keys", "values", "get"},
    list: {"index", "count"},
    LoopContext: {"cycle", "changed"},
    Cycler: {"next", "reset"},
}


class TemplateTimeout(BaseException):
    """Raised into a render that ran past ``TIME_LIMIT`` (a BaseException: no template code catches it)."""


@dataclass
class Budget:
    """What one render may still spend."""

    deadline: float
    printed: int = 0

    def spend(self, characters: int) -> None:
        self.printed += characters
        if self.printed > MAX_OUTPUT:
            raise SecurityError(msg("sandbox.output-over", limit=MAX_OUTPUT))


budget: ContextVar[Budget] = ContextVar("layout_budget")


class _Generator(CodeGenerator):
    """Jinja's code generator with ``~`` going through ``environment.joined``, which bounds it."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.joined((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), context.eval_ctx)")


class LayoutSandbox(ImmutableSandboxedEnvironment):
    """The sandbox of layout templates (see the module's docstring)."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, functions: dict, filters: dict, **options):
        super().__init__(**options)
        self.filters = {name: self.filters[name] for name in FILTERS} | filters
        self.globals = {name: self.globals[name] for name in GLOBALS} | functions
        self.tests = dict(self.tests)
        self._callable = {id(fn) for fn in functions.values()} | {id(self.globals["range"])}

    def is_safe_callable(self, obj) -> bool:
        # super() in a variant's block (a BlockReference) renders its parent's block: template markup
        if isinstance(obj, (Macro, Joiner, BlockReference)) or id(obj) in self._callable or obj is dict or obj is Cycler:
            return True
        owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
        return any(isinstance(owner, kind) and name in names for kind, names in _METHODS.items())

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        _check_time()
        if not __self.is_safe_callable(__obj):
            raise SecurityError(msg("sandbox.not-callable", name=getattr(__obj, '__name__', type(__obj).__name__),
                                    value=repr(__obj)))
        for arg in (*args, *kwargs.values()):
            _bound_size(arg)
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj, attribute):
        _check_time()
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def call_binop(self, context, operator, left, right):
        if operator == "%" and isinstance(left, str):
            raise SecurityError(msg("sandbox.percent-formatting"))
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and max(left.bit_length(), 1) * right > MAX_BITS:
                raise SecurityError(msg("sandbox.power-over", limit=MAX_BITS))
        if operator == "*":
            _bound_product(left, right)
        result = super().call_binop(context, operator, left, right)
        return _bound_size(result)

    def joined(self, parts: tuple, eval_ctx):
        """``a ~ b``: the parts joined, refused when the result would exceed ``MAX_TEXT``."""
        if sum(len(p) if isinstance(p, str) else 20 for p in parts) > MAX_TEXT:
            raise SecurityError(msg("sandbox.text-over", limit=MAX_TEXT))
        return markup_join(parts) if eval_ctx.autoescape else str_join(parts)


def _bound_product(left, right) -> None:
    sizes = [len(v) if isinstance(v, (str, list, tuple)) else None for v in (left, right)]
    counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
    if any(size is not None for size in sizes) and counts:
        if max(s for s in sizes if s is not None) * max(counts[0], 0) > MAX_TEXT:
            raise SecurityError(msg("sandbox.repetition-over", limit=MAX_TEXT))
    elif len(counts) == 2 and left.bit_length() + right.bit_length() > MAX_BITS:
        raise SecurityError(msg("sandbox.product-over", limit=MAX_BITS))


def _bound_size(value):
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_TEXT:
        raise SecurityError(msg("sandbox.value-over", limit=MAX_TEXT))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:
        raise SecurityError(msg("sandbox.integer-over", limit=MAX_BITS))
    return value


def _check_time() -> None:
    current = budget.get(None)
    if current is not None and time.monotonic() > current.deadline:
        raise TemplateTimeout()


class _Watchdog:
    """One thread per process that interrupts renders past their deadline (a thread per render would
    cost more than a small form's render). ``stop`` under the same lock guarantees no late interrupt."""

    def __init__(self) -> None:
        self.wake = threading.Condition()
        self.active: dict[int, tuple[int, float]] = {}  # render → (thread id, deadline)
        self.count, self.pid = 0, 0

    def start(self, deadline: float) -> int:
        with self.wake:
            if self.pid != os.getpid():  # the first render of this process (a forked worker too)
                self.pid, self.active = os.getpid(), {}
                threading.Thread(target=self._run, name="layout-watchdog", daemon=True).start()
            self.count += 1
            self.active[self.count] = (threading.get_ident(), deadline)
            self.wake.notify()
            return self.count

    def stop(self, key: int) -> None:
        with self.wake:
            self.active.pop(key, None)

    def _run(self) -> None:
        with self.wake:
            while True:
                now = time.monotonic()
                for key, (thread, deadline) in list(self.active.items()):
                    if deadline <= now:
                        del self.active[key]
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                                                   ctypes.py_object(TemplateTimeout))
                nearest = min((deadline for _, deadline in self.active.values()), default=None)
                self.wake.wait(None if nearest is None else max(nearest - now, 0.001))


_watchdog = _Watchdog()


def _after_fork() -> None:
    """A forked child starts with a fresh watchdog: the parent's lock may have been held at the fork."""
    global _watchdog
    _watchdog = _Watchdog()


os.register_at_fork(after_in_child=_after_fork)


@contextmanager
def bounded(seconds: float | None = None):
    """Run a render under a fresh ``Budget``; past its deadline the thread gets ``TemplateTimeout``."""
    deadline = time.monotonic() + (TIME_LIMIT if seconds is None else seconds)
    token = budget.set(Budget(deadline))
    key = _watchdog.start(deadline)
    try:
        yield
    finally:
        _watchdog.stop(key)
        budget.reset(token)
