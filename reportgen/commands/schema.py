"""``reportgen schema FORM``: the JSON Schema of a form type, for editors that validate YAML."""
from __future__ import annotations

import json

from ..errors import ExitCode
from ..forms import FORMS
from .common import form_id


def run(args) -> int:
    kind = FORMS[form_id(args)]
    schema = kind.model.model_json_schema(mode="validation")
    # The form's printed title, not the generated class name pydantic puts there.
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"reportgen:{kind.id}",
              **schema, "title": f"{kind.title} ({kind.id})"}
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return ExitCode.OK
