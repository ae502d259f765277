"""PDF/A for a joined booklet: pypdf keeps pages, not the catalogue's conformance entries.

The parts are written by WeasyPrint with the variant asked for; the joined file gets back the
output intent (sRGB profile) of the first part, its language, and an XMP packet that agrees with
the document information and names the PDF/A part and conformance. Not validated here (no
veraPDF on these machines); WeasyPrint itself does not guarantee the result.
"""
from __future__ import annotations

import re
from datetime import datetime
from xml.sax.saxutils import escape

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfaid:part>{part}</pdfaid:part><pdfaid:conformance>{conformance}</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:CreatorTool>reportgen</xmp:CreatorTool><pdf:Producer>reportgen</pdf:Producer>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def restore(writer, first_part, variant: str, info: dict, when: datetime) -> None:
    """Give ``writer`` the PDF/A entries of ``first_part`` (a PdfReader) and a matching XMP packet."""
    from pypdf.generic import DecodedStreamObject, NameObject, TextStringObject  # pypdf: only when PDFs are joined or read

    match = re.fullmatch(r"pdf/a-(\d)([abu])", variant.lower())
    if not match:
        return
    root, source = writer._root_object, first_part.trailer["/Root"]
    for key in ("/OutputIntents", "/Lang"):
        if key in source:
            root[NameObject(key)] = source[key].clone(writer)
    root.setdefault(NameObject("/Lang"), TextStringObject("zh-CN"))
    packet = XMP.format(part=match.group(1), conformance=match.group(2).upper(),
                        title=escape(info["/Title"]), author=escape(info["/Author"]),
                        subject=escape(info["/Subject"]), when=when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    stream = DecodedStreamObject()
    stream.set_data(packet.encode("utf-8"))
    stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    root[NameObject("/Metadata")] = writer._add_object(stream)
