"""Subset a font to the characters a document needs, once, so that every part embeds the same bytes.

A booklet rendered in chunks would otherwise embed a different subset of the same face in every
chunk. With one pre-subset font per face, embedded whole, the merged PDF keeps a single copy.
HarfBuzz (libharfbuzz-subset0) does it in milliseconds; fontTools is the slow fallback.
"""
from __future__ import annotations

import io
from functools import lru_cache

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
hb_blob_t * hb_blob_create_from_file (const char *file_name);
void hb_blob_destroy (hb_blob_t *blob);
const char * hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
hb_face_t * hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_blob_t * hb_face_reference_blob (hb_face_t *face);
void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
hb_subset_input_t * hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t * hb_subset_input_unicode_set (hb_subset_input_t *input);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned value);
hb_face_t * hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
"""
NO_HINTING = 0x1


def subset(path: str, index: int, codepoints: set[int]) -> bytes:
    """Return the face ``index`` of the font file ``path`` cut down to ``codepoints``."""
    libraries = _harfbuzz()
    if libraries:
        data = _harfbuzz_subset(libraries, path, index, codepoints)
        if data:
            return data
    return _fonttools_subset(path, index, codepoints)


@lru_cache(maxsize=1)
def _harfbuzz():
    try:
        from cffi import FFI  # cffi: only to reach HarfBuzz

        ffi = FFI()
        ffi.cdef(_CDEF)
        return ffi, ffi.dlopen("harfbuzz"), ffi.dlopen("harfbuzz-subset")
    except (ImportError, OSError):
        return None


def _harfbuzz_subset(libraries, path: str, index: int, codepoints: set[int]) -> bytes | None:
    ffi, hb, hbs = libraries
    blob = hb.hb_blob_create_from_file(path.encode())
    face = hb.hb_face_create(blob, index)
    plan = hbs.hb_subset_input_create_or_fail()
    try:
        unicodes = hbs.hb_subset_input_unicode_set(plan)
        for point in sorted(codepoints):
            hb.hb_set_add(unicodes, point)
        hbs.hb_subset_input_set_flags(plan, NO_HINTING)
        result = hbs.hb_subset_or_fail(face, plan)
        if result == ffi.NULL:
            return None
        out = hb.hb_face_reference_blob(result)
        length = ffi.new("unsigned int *")
        data = ffi.buffer(hb.hb_blob_get_data(out, length), length[0])[:]
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(result)
        return data
    finally:
        hbs.hb_subset_input_destroy(plan)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def _fonttools_subset(path: str, index: int, codepoints: set[int]) -> bytes:

    from fontTools import subset as ft_subset  # fontTools: only when a face is measured or subset
    from fontTools.ttLib import TTFont  # fontTools: only when a face is measured or subset

    font = TTFont(path, fontNumber=index)
    options = ft_subset.Options()
    options.hinting = False
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
