"""Write a form model back as YAML that loads into an equal model (amounts keep their decimals)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import yaml
from pydantic import BaseModel

from .values import IndicatorValue


# libyaml's emitter when PyYAML has it: ten times faster (every written file embeds its YAML).
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data: object) -> bool:
        return True  # equal amounts are written out, never as &id001 / *id001


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(IndicatorValue, lambda d, v: d.represent_str(v.source))
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))
_Dumper.add_representer(date, lambda d, v: d.represent_scalar("tag:yaml.org,2002:timestamp", v.isoformat()))


def to_yaml(form: BaseModel) -> str:
    """Return ``form`` as YAML text with English keys, in the model's field order."""
    return dump_data(form.model_dump(mode="python", round_trip=True))


def dump_data(data: object) -> str:
    """Return plain data (Decimal, dates, tuples allowed) as YAML text, keys in their order."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
