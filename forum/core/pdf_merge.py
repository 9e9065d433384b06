"""One PDF file written part by part: each part's pages go to the file as the part comes.

pypdf's PdfWriter holds every page it was given (and their fonts and images) until its one
write at the end: merging 3,000 agendas held about 200 MB in the process that merges, growing
with the number of delegates. PdfAppender writes each part's objects at once, renumbered, and
keeps only what the end of the file needs: the offset of every object, the page list, the
top-level outline entries (one or two per delegate) and the named destinations.

What is kept of each part: its pages with everything they use (contents, resources, fonts,
images, annotations and links), its outline (bookmarks) and named destinations; the document
information (title) of the first part, and the language when every part has the same one.
"""

from collections import deque
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def _ref(number: int) -> IndirectObject:
    return IndirectObject(number, 0, None)  # type: ignore[arg-type]  # only written, never read


class PdfAppender:
    """Writes one PDF to `out` (a binary file open for writing, at its start): append() each
    part's file in order, then close() once to write the page tree, the outline and the index."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.offsets: list[int] = [0]  # by object number; 0 is the head of the free list
        self.pages: list[int] = []  # object numbers of the pages, in order
        self.outline: list[tuple[int, DictionaryObject]] = []  # top-level entries, unlinked
        self.dests: dict[str, PdfObject] = {}  # named destinations (first part wins a name)
        self.info: DictionaryObject | None = None
        self.languages: set[str] = set()
        out.write(HEADER)
        self.pages_root = self._reserve()
        self.outline_root = self._reserve()

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _write(self, number: int, obj: PdfObject) -> None:
        self.offsets[number] = self.out.tell()
        self.out.write(b"%d 0 obj\n" % number)
        obj.write_to_stream(self.out)
        self.out.write(b"\nendobj\n")

    def append(self, path: Path | str) -> int:
        """Append every page of the PDF at `path`; returns how many."""
        reader = PdfReader(path)
        part = _Part(self, reader)
        for page in reader.pages:
            number = part.number_of(page.indirect_reference, queue=False)
            self.pages.append(number)
            part.queue.append((page.indirect_reference, number, True))
        catalog = reader.trailer["/Root"].get_object()
        outlines = catalog.get("/Outlines")
        entry = outlines.get_object().get("/First") if outlines is not None else None
        while entry is not None:  # the top-level entries are linked together at close()
            item = entry.get_object()
            number = part.number_of(entry, queue=False)
            skip = ("/Parent", "/Prev", "/Next")
            kept = DictionaryObject({k: part.copy(v) for k, v in item.items() if k not in skip})
            self.outline.append((number, kept))
            entry = item.get("/Next")
        names = catalog.get("/Names")
        dests = names.get_object().get("/Dests") if names is not None else None
        if dests is not None:
            pairs = dests.get_object().get("/Names", ArrayObject())
            for name, dest in zip(pairs[::2], pairs[1::2], strict=True):
                self.dests.setdefault(str(name), part.copy(dest))
        part.write_queued()
        if self.info is None and reader.trailer.get("/Info") is not None:
            info = reader.trailer["/Info"].get_object()
            self.info = DictionaryObject(
                {k: v for k, v in info.items() if isinstance(v, TextStringObject | NameObject)}
            )
        self.languages.add(str(catalog.get("/Lang", "")))
        return len(reader.pages)

    def close(self) -> None:
        """Write the page tree, outline, named destinations, catalog and cross-reference table."""
        self._write(
            self.pages_root,
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Pages"),
                    NameObject("/Kids"): ArrayObject(_ref(n) for n in self.pages),
                    NameObject("/Count"): NumberObject(len(self.pages)),
                }
            ),
        )
        catalog = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Catalog"),
                NameObject("/Pages"): _ref(self.pages_root),
            }
        )
        self._write(self.outline_root, self._outline_root())
        if self.outline:
            catalog[NameObject("/Outlines")] = _ref(self.outline_root)
        if self.dests:
            pairs = ArrayObject()
            for name in sorted(self.dests):  # a name tree's keys are sorted
                pairs.extend((TextStringObject(name), self.dests[name]))
            dests = DictionaryObject({NameObject("/Names"): pairs})
            catalog[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): dests})
        if len(self.languages) == 1 and (language := self.languages.pop()):
            catalog[NameObject("/Lang")] = TextStringObject(language)
        root = self._reserve()
        self._write(root, catalog)
        trailer = DictionaryObject(
            {NameObject("/Size"): NumberObject(len(self.offsets)), NameObject("/Root"): _ref(root)}
        )
        if self.info:
            info = self._reserve()
            self._write(info, self.info)
            trailer[NameObject("/Info")] = _ref(info)
            trailer[NameObject("/Size")] = NumberObject(len(self.offsets))
        start = self.out.tell()
        rows = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        rows.extend(b"%010d 00000 n \n" % offset for offset in self.offsets[1:])
        self.out.write(b"".join(rows))
        self.out.write(b"trailer\n")
        trailer.write_to_stream(self.out)
        self.out.write(b"\nstartxref\n%d\n%%%%EOF\n" % start)

    def _outline_root(self) -> DictionaryObject:
        """The outline's root, and the top-level entries linked to it and to each other."""
        count = 0
        for index, (number, item) in enumerate(self.outline):
            item[NameObject("/Parent")] = _ref(self.outline_root)
            if index:
                item[NameObject("/Prev")] = _ref(self.outline[index - 1][0])
            if index + 1 < len(self.outline):
                item[NameObject("/Next")] = _ref(self.outline[index + 1][0])
            self._write(number, item)
            count += 1 + max(int(item.get("/Count", 0)), 0)  # open entries show their children
        root = DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
        if self.outline:
            root[NameObject("/First")] = _ref(self.outline[0][0])
            root[NameObject("/Last")] = _ref(self.outline[-1][0])
            root[NameObject("/Count")] = NumberObject(count)
        return root


class _Part:
    """One part being appended: its object numbers mapped to the file's, objects to write."""

    def __init__(self, appender: PdfAppender, reader: PdfReader) -> None:
        self.appender = appender
        self.reader = reader
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: deque[tuple[IndirectObject, int, bool]] = deque()  # (ref, number, is page)

    def number_of(self, ref: IndirectObject, queue: bool = True) -> int:
        """The file's number for the part's object `ref`, reserved (and queued) the first time."""
        key = (ref.idnum, ref.generation)
        number = self.numbers.get(key)
        if number is None:
            number = self.numbers[key] = self.appender._reserve()
            if queue:
                self.queue.append((ref, number, False))
        return number

    def copy(self, obj: PdfObject) -> PdfObject:
        """`obj` with its references renumbered (the objects they name queued for writing)."""
        if isinstance(obj, IndirectObject):
            return _ref(self.number_of(obj))
        if isinstance(obj, StreamObject):
            stream = obj.__class__()
            stream._data = obj._data  # written as it was read (still encoded)
            stream.update({k: self.copy(v) for k, v in obj.items() if k != "/Length"})
            return stream
        if isinstance(obj, DictionaryObject):
            return DictionaryObject({k: self.copy(v) for k, v in obj.items()})
        if isinstance(obj, ArrayObject):
            return ArrayObject(self.copy(v) for v in obj)
        if isinstance(obj, TextStringObject):
            # WeasyPrint writes text (outline titles) as escaped UTF-16, four bytes a letter:
            # in PDFDocEncoding when it fits, as pypdf writes it (a tenth of the file's size)
            return TextStringObject(str(obj))
        return obj  # names, numbers, byte strings...: written as they are

    def write_queued(self) -> None:
        while self.queue:
            ref, number, is_page = self.queue.popleft()
            obj = self.reader.get_object(ref)
            if is_page:  # its parent is the file's page tree, not the part's
                copied = DictionaryObject(
                    {k: self.copy(v) for k, v in obj.items() if k != "/Parent"}
                )
                copied[NameObject("/Parent")] = _ref(self.appender.pages_root)
            else:
                copied = self.copy(obj)
            self.appender._write(number, copied)
