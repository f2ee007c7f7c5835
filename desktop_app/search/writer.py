"""A fast path for writing our paragraph indexes with Whoosh's own codec.

Whoosh's stock writer pushes every posting through an external sort and a
per-posting loop (about 0.3 MB/s for bigrams).  Ours adds the documents in
order, so the postings of a term are already sorted by document: it groups them
per term in memory and hands each term to the W3 codec in whole blocks.  The
files are ordinary Whoosh 2.7 segments, read by the stock reader; the tests
compare them posting by posting with an index written by ``add_document``.

This touches private attributes of ``whoosh.codec.whoosh3.W3PostingsWriter``;
Whoosh-Reloaded is pinned (``==2.7.5``) for that reason.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from array import array
from hashlib import md5
from itertools import filterfalse, repeat
from operator import add, sub
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter, W3TermInfo
from whoosh.filedb.filestore import FileStorage
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from desktop_app.search.analysis import END

# Terms with fewer postings than this are stored inside the term table (no block
# in the postings file): most bigrams of a real text are rare.
INLINE_LIMIT = 6
# The bigram field stores no values (Existence): a term's postings are only document numbers,
# so up to a block's worth go inside the term table as (ids, None, ()) (None: every weight 1.0),
# which skips the postings file, zlib and the block bookkeeping for all but the commonest terms.
INLINE_LIMIT_NO_VALUES = 128
BLOCK_LIMIT = 128
INLINE_BATCH = 1000  # term table entries written at once (each batch one write)
COMPRESSION = 1  # zlib level of posting blocks: 1 is nearly as small as 3 and faster


def codec() -> W3Codec:
    return W3Codec(blocklimit=BLOCK_LIMIT, compression=COMPRESSION, inlinelimit=INLINE_LIMIT)


_dumps = pickle.dumps
_PROTOCOL = pickle.HIGHEST_PROTOCOL
_pack_terminfo = W3TermInfo._struct.pack  # flags, weight, doc freq, min/max length, max weight, min/max id
_ONES = [(1.0,) * n for n in range(INLINE_LIMIT)]


_lengths = struct.Struct("!ii")  # filetables' key and value lengths before each pair
_TYPE_LIMITS = {"B": 2**8, "H": 2**16, "i": 2**31, "I": 2**32}


def _add_terms(tindex: Any, items: list[tuple[bytes, bytes]]) -> None:
    """``OrderedHashWriter.add(key, value)`` for each of ``items`` (keys ascending), writing the
    same bytes and hash entries in one write: Whoosh's add makes three writes, two tells and
    a hex digest per term, about half the time of writing a bigram segment (issue 14)."""
    if not items:
        return
    dbfile = tindex.dbfile
    pos = dbfile.tell()
    buckets = tindex.buckets
    pack = _lengths.pack
    positions: list[int] = []
    chunks: list[bytes] = []
    last = tindex.lastkey
    for key, value in items:
        if key <= last:
            raise ValueError(f"Keys must increase: {last!r}..{key!r}")
        last = key
        positions.append(pos)
        h = int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")  # = md5_hash(key)
        buckets[h & 255].append((h, pos))
        chunks += (pack(len(key), len(value)), key, value)
        pos += 8 + len(key) + len(value)
    dbfile.write(b"".join(chunks))
    index = tindex.index  # GrowableArray: the type of its largest entry, as append would make it
    limit = _TYPE_LIMITS.get(index.array.typecode)
    if limit is not None and positions[-1] >= limit:
        index._retype(positions[-1])
    index.array.extend(positions)
    tindex.lastkey = items[-1][0]


class _BlockWriter(W3PostingsWriter):
    """W3's posting writer, writing the same blocks faster.

    Whoosh pickles block data with protocol 2, which spells every ``bytes``
    value as a call to ``codecs.encode``; we use the current protocol (the
    reader unpickles any) and encode ids and weights without generators.
    """

    def _write_block(self, last: bool = False) -> None:
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        weights = self._weights
        if weights.count(1.0) == len(weights):
            mini_weights: Any = None
        elif weights.count(weights[0]) == len(weights):
            mini_weights = weights[0]
        else:
            mini_weights = tuple(weights)
        fixed = self._format.fixed_value_size()
        values = self._values
        mini_values: Any = (
            tuple(values) if fixed is None or fixed < 0 else (b"".join(values) if fixed else None)
        )
        data = _dumps(((ids[0], *map(sub, ids[1:], ids)), mini_weights, mini_values), pickle.HIGHEST_PROTOCOL)
        comp = self._compression
        if comp:
            data = zlib.compress(data, comp)
        info = _dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        size = len(info) + len(data)
        postfile.write_int(-size if last else size)
        postfile.write(info)
        postfile.write(data)
        self._blockcount += 1
        self._new_block()


class BulkWriter(SegmentWriter):
    """A one-segment writer fed whole paragraphs in order (see the module doc)."""

    def __init__(self, ix: Any, fieldname: str) -> None:
        super().__init__(ix, _lk=False, codec=codec(), compound=False)
        self._fieldname = fieldname
        self._field = self.schema[fieldname]
        self._stored_fields = {name: self.schema[name] for name in self.schema.stored_names()}
        # term -> document numbers, term -> encoded values (parallel lists, in document order)
        self._docs: dict[str, list[int]] = {}
        self._values: dict[str, list[bytes]] = {}
        self._weights: dict[str, dict[int, float]] = {}  # term -> docnum -> weight, where != 1
        self._lengths = array("I")

    def _finish_doc(self, length: int, stored: dict) -> None:
        pdw = self.perdocwriter
        pdw.start_doc(self.docnum)
        pdw.add_field(self._fieldname, self._field, None, length)
        for name, value in stored.items():
            pdw.add_field(name, self._stored_fields[name], value, 0)
        pdw.finish_doc()
        self._lengths.append(length)
        self._added = True
        self.docnum += 1

    def add_bigrams(self, text: str, stored: dict) -> None:
        """Add one normalised paragraph to the bigram field: the set of its bigrams (Existence).

        The field length is the number of distinct bigrams, as Whoosh's own writer counts it.
        """
        if text:
            terms = set(map(add, text, text[1:]))
            terms.add(text[-1] + END)
            docs = self._docs
            for t in filterfalse(docs.__contains__, terms):
                docs[t] = []
            any(map(list.append, map(docs.__getitem__, terms), repeat(self.docnum)))
            self._finish_doc(len(terms), stored)
        else:
            self._finish_doc(0, stored)

    def add_words(self, words: list[str], stored: dict | None = None) -> None:
        """Add one paragraph's word tokens: the set of them (Existence, as the bigrams); the
        field length is the number of distinct words, as Whoosh's own writer counts it."""
        terms = set(words)
        docs = self._docs
        for t in filterfalse(docs.__contains__, terms):
            docs[t] = []
        any(map(list.append, map(docs.__getitem__, terms), repeat(self.docnum)))
        self._finish_doc(len(terms), stored or {})

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fw = self.fieldwriter
        lengths = self._lengths
        weights = self._weights
        fw.start_field(self._fieldname, self._field)
        pw = fw._postwriter = _BlockWriter(
            fw._postfile, BLOCK_LIMIT, compression=COMPRESSION, inlinelimit=INLINE_LIMIT
        )
        tindex = fw._tindex
        prefix = pack_ushort(fw._fieldid)
        # Terms in UTF-8 byte order, which is code point order (the normalised text holds no
        # lone surrogates): sorting the strings spares a (bytes, str) pair per term, and each
        # term's postings are dropped once written, the term table's entries written a thousand
        # at a time: a job of 400,000 characters peaked at ~31 MB here, the postings alone ~16.
        terms = sorted(self._docs)
        docs_of, values_of = self._docs, self._values
        no_values = self._field.format.fixed_value_size() == 0 and not weights
        inline: list[tuple[bytes, bytes]] = []  # term table entries not yet written (_add_terms)
        for term in terms:
            btext = term.encode("utf-8")
            doc_list = docs_of.pop(term)
            n = len(doc_list)
            w = weights.get(term)
            if no_values and n < INLINE_LIMIT_NO_VALUES:
                lens = list(map(lengths.__getitem__, doc_list))
                info = _pack_terminfo(
                    1,
                    float(n),
                    n,
                    length_to_byte(min(lens)),
                    length_to_byte(max(lens)),
                    1.0,
                    doc_list[0],
                    doc_list[-1],
                )
                inline.append((prefix + btext, info + _dumps((tuple(doc_list), None, ()), _PROTOCOL)))
                if len(inline) >= INLINE_BATCH:
                    _add_terms(tindex, inline)
                    inline.clear()
                continue
            if n < INLINE_LIMIT:  # most terms: the postings go inside the term table
                wts = tuple(w.get(d, 1.0) for d in doc_list) if w else _ONES[n]
                lens = [lengths[d] for d in doc_list]
                info = _pack_terminfo(
                    1,
                    float(sum(wts)),
                    n,
                    length_to_byte(min(lens)),
                    length_to_byte(max(lens)),
                    float(max(wts)),
                    doc_list[0],
                    doc_list[-1],
                )
                vals = values_of.get(term)
                inlined = (tuple(doc_list), wts, tuple(vals) if vals is not None else ())
                inline.append((prefix + btext, info + _dumps(inlined, _PROTOCOL)))
                if len(inline) >= INLINE_BATCH:
                    _add_terms(tindex, inline)
                    inline.clear()
                continue
            _add_terms(tindex, inline)  # in key order, before this term's own entry
            inline.clear()
            ids = array("I", doc_list)
            values = values_of.get(term, ())
            ws = array("f", [w.get(d, 1.0) for d in ids]) if w else array("f", [1.0]) * n
            fw.start_term(btext)
            for s in range(0, n, BLOCK_LIMIT):
                e = min(n, s + BLOCK_LIMIT)
                block_ids = ids[s:e]
                block_lens = [lengths[d] for d in block_ids]
                pw._ids = block_ids
                pw._weights = ws[s:e]
                pw._values = values[s:e] if values else ()
                pw._minlength = min(block_lens)
                pw._maxlength = max(block_lens)
                pw._maxweight = max(pw._weights)
                if e < n:  # the last block is written by finish_term
                    pw._write_block()
            fw.finish_term()
        _add_terms(tindex, inline)
        fw.finish_field()
        fw.close()
        self._docs.clear()
        self._values.clear()

    def write_segment(self) -> Any:
        """Write the segment's files without a table of contents; returns the segment.

        Several processes can write segments of one index this way at once (their file names
        are random); :func:`publish_segments` then writes the one table of contents.
        """
        segment = self._finalize_segment()
        self._finish()
        return segment


class JobStorage(FileStorage):
    """An index folder whose writers each get their own temporary folder.

    Whoosh names a writer's temporary folder after the index (``MAIN.tmp``), so two processes
    writing segments of one index at once would delete each other's files; :meth:`clean` removes
    ours when the segment is written.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._temps: list[Any] = []

    def temp_storage(self, name: str | None = None) -> Any:
        import uuid

        temp = super().temp_storage(f"{name or 'index'}-{uuid.uuid4().hex[:12]}")
        self._temps.append(temp)
        return temp

    def clean(self) -> None:
        import shutil

        for temp in self._temps:
            shutil.rmtree(temp.folder, ignore_errors=True)
        self._temps.clear()


def publish_segments(ix: Any, segments: list[Any]) -> None:
    """Make ``segments`` (in document order) the index ``ix``'s content: one new TOC."""
    from whoosh.index import TOC, clean_files

    generation = ix.latest_generation() + 1
    TOC(ix.schema, segments, generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, segments)
