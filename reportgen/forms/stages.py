"""A form's place in the budget cycle, as its profile declares it (``cycle.stage``).

```yaml
cycle:
  stage: {order: 1, zh: 申报表, en: target form, reference: true}
```

``order`` places the form in the year, ``zh``/``en`` name it in messages, and ``reference`` marks
the stage the others are held to. A folder written before stages says ``kind:`` in form.yaml
instead; ``templates/forms/_kinds.yaml`` says which stage each such word meant.
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from ..messages import Pair
from ..resources import templates_dir


@lru_cache(maxsize=1)
def legacy_kinds() -> dict[str, dict]:
    """Return the deprecated form.yaml ``kind`` words, each with the stage it meant."""
    return yaml.safe_load((templates_dir() / "forms" / "_kinds.yaml").read_text(encoding="utf-8"))


def stage_of(profile: dict) -> dict | None:
    """Return the stage ``profile`` declares under ``cycle``, or None."""
    cycle = profile.get("cycle")
    stage = cycle.get("stage") if isinstance(cycle, dict) else None
    return stage if isinstance(stage, dict) else None


def with_legacy_kind(meta: dict, profile: dict) -> dict:
    """Return ``profile`` with the stage a deprecated ``kind:`` of form.yaml meant, where it declares none."""
    kind = meta.get("kind")
    cycle = profile.get("cycle")
    if kind not in legacy_kinds() or not isinstance(cycle, dict) or "stage" in cycle:
        return profile
    return {**profile, "cycle": {**cycle, "stage": legacy_kinds()[kind]}}


def name(stage: dict | None) -> Pair:
    """Return the stage's name in both languages, empty without a stage."""
    return Pair(str(stage.get("zh", "")), str(stage.get("en", ""))) if stage else Pair("", "")
