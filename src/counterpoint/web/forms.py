"""Read the add-articles form (browser form or API multipart) into uploads and text."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.datastructures import UploadFile
from starlette.requests import Request

from counterpoint.web.service import HEADER_FIELDS, Upload

MAX_FILES = 50
MAX_FIELDS = 20


@dataclass
class IngestForm:
    """What the user sent: files, pasted text and the pasted text's metadata."""

    uploads: list[Upload] = field(default_factory=list)
    text: str = ""
    fields: dict[str, str] = field(default_factory=dict)


async def read_ingest_form(request: Request, max_bytes: int) -> IngestForm:
    """Parse the multipart/urlencoded body; the body size limit was checked upstream."""
    form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS, max_part_size=max_bytes)
    result = IngestForm()
    for item in form.getlist("files"):
        if isinstance(item, UploadFile):
            data = await item.read()
            if item.filename or data:
                result.uploads.append(Upload(name=item.filename or "upload.txt", data=data))
    text = form.get("text")
    result.text = text if isinstance(text, str) else ""
    for key in HEADER_FIELDS:
        value = form.get(key)
        if isinstance(value, str) and value.strip():
            result.fields[key] = value.strip()
    return result


INGEST_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Article files (.txt, .html, .htm, .md)",
                        },
                        "text": {"type": "string", "description": "Pasted article text"},
                        **{
                            key: {"type": "string", "description": f"{key} of the pasted text"}
                            for key in HEADER_FIELDS
                        },
                    },
                }
            }
        },
    }
}
