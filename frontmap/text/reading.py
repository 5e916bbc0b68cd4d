"""Read a report file into a :class:`Report`: decode, find its date, clean its text.

``Report.text`` is what every later stage analyses; all character offsets in
frontmap point into it.  Reading is strict about what cannot be repaired
(empty, binary, oversized, undated) and lenient about what can (line endings,
control characters, sloppy HTML), recording the repairs in ``Report.warnings``.
"""
from __future__ import annotations

import codecs
import datetime as _dt
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from frontmap.errors import ReportError
from frontmap.model import Report
from frontmap.text.title_date import title_date

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
DEFAULT_MAX_BYTES = 5_000_000
_SAMPLE_BYTES = 200_000

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy single-byte encodings worth trying when a file is not UTF-8, in order
# of preference on a tie (Western first: most reports are English).
_LEGACY = ("cp1252", "cp1251", "koi8_u", "cp1250")
_PUNCT_OK = set("\u00a0–—‘’‚“”„«»…•·№°€£¥§©®™±×−‹›′″¦¬")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d_]+")
_DATE_LINE = re.compile(r"[ \t]*date[ \t]*[:=]?[ \t]+(\d{4}-\d{1,2}-\d{1,2})\b[ \t]*(.*)", re.I)
_BAD_DATE_LINE = re.compile(r"[ \t]*date[ \t]*[:=]?[ \t]+\d", re.I)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)
_FM_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:")
_SOURCE_LINE = re.compile(r"[ \t]*(?:source|url|link)[ \t]*[:=][ \t]*(\S+)[ \t]*", re.I)
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.I)
_URL_KEYS = ("url", "source_url", "canonical", "link", "source", "permalink")
_MD_HEADING = re.compile(r"^(?:#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)


def iter_report_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders walked recursively for report files, sorted.

    A path that is missing, a link loop or not a regular file (a FIFO, a device) raises a
    ReportError that says which; inside a folder such entries are passed over."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        mode = _mode(p, "report path")
        if stat.S_ISDIR(mode):
            found.extend(sorted(f for f in p.rglob("*")
                                if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES))
        else:
            found.append(p)
    return found


def _mode(p: Path, what: str) -> int:
    """The file type bits of ``p`` (links followed): a folder or a regular file, else a ReportError."""
    try:
        mode = os.stat(p).st_mode
    except OSError as exc:
        name = str(p)
        if exc.errno == errno.ELOOP:
            why = "is a symbolic link that leads back to itself (a loop): point it at a report file"
        elif exc.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(p):
            why = "is a symbolic link to a file that does not exist: fix the link or pass the file itself"
        elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
            why = "does not exist: check the spelling or pass a folder of .txt/.md/.html reports"
        else:
            why = f"cannot be read: {exc.strerror or exc}; check its permissions"
        raise ReportError(f"{what} {name!r} {why}") from None
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        kind = next((k for test, k in _KINDS if test(mode)), "not a file")
        raise ReportError(f"{what} {str(p)!r} is not a regular file ({kind}): pass a .txt, .md or "
                          ".html report file")
    return mode


_KINDS = ((stat.S_ISFIFO, "a FIFO, a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_report(path: str | Path, *, date: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read one report file; see :func:`read_report_bytes`."""
    p = Path(path)
    if stat.S_ISDIR(_mode(p, "report")):        # checked first: reading a FIFO could wait for ever
        raise ReportError(f"report {str(p)!r} is a folder, not a file: "
                          "pass the files inside it (or use iter_report_paths)")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ReportError(_too_large(str(p), size, max_bytes))
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReportError(f"report {str(p)!r} does not exist: check the path") from None
    except OSError as exc:
        raise ReportError(f"cannot read report {str(p)!r}: {exc.strerror or exc}; "
                          "check its permissions") from None
    return read_report_bytes(data, path=str(p), date=date, max_bytes=max_bytes)


def read_report_bytes(data: bytes, *, path: str = "<bytes>", date: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Decode ``data``, find the report date and build the analysable text."""
    if len(data) > max_bytes:
        raise ReportError(_too_large(path, len(data), max_bytes))
    warnings: list[str] = []
    text, encoding = _decode(data, path, warnings)
    text = _normalise(text, warnings)
    if not text.strip():
        raise ReportError(f"report {path!r} is empty: give it a line 'date YYYY-MM-DD' "
                          "and the report text")

    url, text = _take_source_line(text, warnings)          # a source line goes beside the date line,
    found_date, text = _take_date_line(text, path)         # before it or after it
    if url is None and found_date:
        url, text = _take_source_line(text, warnings)
    title = None
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and _looks_like_html(text)):
        page = _HtmlText()
        page.run(text)
        warnings.extend(page.warnings)
        title = page.title
        url = url or _checked_url(page.url, warnings, "the page's canonical link")
        if found_date is None and page.date:
            try:
                found_date = _check_date(page.date, path, "HTML <meta> date")
            except ReportError:
                warnings.append(f"HTML <meta> date {page.date!r} is not YYYY-MM-DD; ignored")
        text = _tidy_html_text(page.text())
        if found_date is None:  # a 'date' line may be the page's first paragraph
            found_date, text = _take_date_line(text, path)
    else:
        fm_date, fm_title, fm_url, text = _take_front_matter(text, path)
        found_date = found_date or fm_date
        url = url or _checked_url(fm_url, warnings, "the front matter's url")
        heading = _MD_HEADING.search(text)
        title = fm_title or (heading.group(1).strip() if heading else None)
    text = text.lstrip("\n")

    if date is not None:
        date = _check_date(date, path, "--date")
        if found_date and found_date != date:
            warnings.append(f"report {path!r} says it is dated {found_date} "
                            f"but {date} was given; using {date}")
        found_date = date
    if found_date is None and (titled := title_date(text)) is not None:
        found_date = titled[0]
        warnings.append(f"report {path!r} has no date line: using {found_date}, the date in its title "
                        f"line {titled[1][:80]!r}; add 'date YYYY-MM-DD' or pass --date to set another")
    if found_date is None:
        raise ReportError(f"report {path!r} has no date: start it with a line "
                          "'date YYYY-MM-DD' or pass --date")
    if not text.strip():
        raise ReportError(f"report {path!r} has a date but no text: add the report text "
                          "after the date line")
    return Report(path=path, date=found_date, text=text, encoding=encoding,
                  sha256=hashlib.sha256(data).hexdigest(), title=title or None,
                  warnings=warnings, source_url=url)


def _checked_url(value: str | None, warnings: list[str], where: str) -> str | None:
    """An http(s) address, or None with a warning: a report's link is shown and followed by people."""
    if not value:
        return None
    value = value.strip()
    if _URL.fullmatch(value):
        return value
    warnings.append(f"{where} {value[:80]!r} is not an http(s) address; no source link kept")
    return None


def _take_source_line(text: str, warnings: list[str]) -> tuple[str | None, str]:
    """Split a 'source: URL' line off the top (it goes beside the date line)."""
    body = text.lstrip(" \t\n")
    line, nl, rest = body.partition("\n")
    m = _SOURCE_LINE.fullmatch(line)
    if not m or not _URL.match(m.group(1)):
        return None, text                 # "Source: Reuters" is the report's own text
    return _checked_url(m.group(1), warnings, "the source line"), rest.lstrip("\n")


def _too_large(path: str, size: int, limit: int) -> str:
    return (f"report {path!r} is {size:,} bytes, over the limit of {limit:,} bytes: "
            f"split it, or raise the limit (--max-bytes / max_bytes=) if it really is one report")


# --- decoding ---------------------------------------------------------------

def _decode(data: bytes, path: str, warnings: list[str]) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise ReportError(f"report {path!r} starts with a {codec} byte-order mark "
                                  "but is not valid text in that encoding: re-save it as UTF-8") from None
    if b"\x00" in data:
        wide = _without_bom(data)
        if wide is not None:
            warnings.append(f"read as {wide[1].upper()}, which has no byte-order mark")
            return wide
        if _looks_wide(data):
            raise ReportError(f"report {path!r} looks like UTF-16 or UTF-32 text without a byte-order "
                              "mark, but is not valid in either: re-save it as UTF-8")
    controls = sum(data.count(bytes([b])) for b in (*range(0, 9), 11, *range(14, 32), 127))
    if b"\x00" in data or controls > max(8, len(data) // 100):
        raise ReportError(f"report {path!r} looks like a binary file (it contains NUL or "
                          "other control bytes), not a text report: pass a .txt, .md or .html file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        lenient = data.decode("utf-8", errors="replace")
        bad = lenient.count("\ufffd")
        if len(lenient) - len(lenient.encode("ascii", "ignore")) >= 11 * bad:
            # UTF-8 with a few stray bytes: keep it, rather than misread it all as cp125x
            warnings.append(f"{bad} byte sequence(s) that are not UTF-8 replaced by U+FFFD")
            return lenient, "utf-8"
    # judge candidates on a sample (scoring megabytes is slow), then decode it all
    sample = data[:_SAMPLE_BYTES]
    codecs_to_try = list(_LEGACY)
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(sample).best()
        if best is not None:
            codecs_to_try.append(best.encoding)
    except Exception:  # a detector failure just leaves the legacy candidates
        pass
    scored = []
    for rank, codec in enumerate(codecs_to_try):
        try:
            scored.append((_implausibility(sample.decode(codec)), rank, codec))
        except (UnicodeDecodeError, LookupError):
            continue
    for _score, _rank, codec in sorted(scored):  # rank: _LEGACY order breaks ties
        try:
            return data.decode(codec), codecs.lookup(codec).name
        except UnicodeDecodeError:
            continue
    raise ReportError(f"report {path!r} is neither UTF-8 nor any encoding frontmap "
                      "recognises: re-save it as UTF-8")


# UTF-32 first: UTF-32 text also decodes as UTF-16, full of NUL characters
_WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")


def _without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 text with no byte-order mark, told apart from binary by what it decodes to:
    text in the scripts reports are written in, no NUL and hardly a control character."""
    for codec in _WIDE:
        if len(data) % (4 if "32" in codec else 2):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        sample = text[:_SAMPLE_BYTES]
        odd = sum(1 for c in sample if not (c in "\t\n\r\f" or (c.isprintable() and (
            c < "\u0530" or "\u2000" <= c < "\u2070" or c in _PUNCT_OK))))
        if odd <= len(sample) // 100:
            return text, codec
    return None


def _looks_wide(data: bytes) -> bool:
    """Most NULs on one byte position of every two or four, as ASCII in UTF-16 or UTF-32 puts them."""
    sample = data[:_SAMPLE_BYTES]
    nuls = sample.count(0)
    if nuls < len(sample) // 4:
        return False
    for width in (2, 4):
        by_position = [sample[i::width].count(0) for i in range(width)]
        if sum(1 for n in by_position if n >= 0.8 * len(sample) / width) >= width // 2 + (width == 4):
            return True
    return False


def _implausibility(text: str) -> float:
    """Share of non-ASCII material that looks like mojibake (0 = all plausible)."""
    bad = total = 0
    for ch in _NON_ASCII.findall(text):
        if not ch.isalpha():
            total += 1
            if ch not in _PUNCT_OK:
                bad += 2 if unicodedata.category(ch) == "Cc" else 1
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        total += 1
        bad += not _plausible_word(word)
    return bad / max(total, 1)


def _plausible_word(word: str) -> bool:
    scripts = {_script(c) for c in word}
    if len(scripts) > 1:
        return False
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False  # "пРИВЕТ"-style inverted case is KOI8 read as cp1251 or the reverse
    if scripts == {"latin"}:  # words made of Latin-1 accents: Cyrillic read as cp1252
        accented = sum("\u00c0" <= c <= "\u00ff" for c in word)
        return not (len(word) >= 4 and accented * 2 > len(word))
    return True


def _script(ch: str) -> str:
    if ch < "\u0250":
        return "latin"
    if "\u0400" <= ch < "\u0530":
        return "cyrillic"
    if "\u0370" <= ch < "\u0400":
        return "greek"
    return "other"


def _normalise(text: str, warnings: list[str]) -> str:
    kinds = [k for k, n in (("CRLF", text.count("\r\n")),
                            ("CR", text.count("\r") - text.count("\r\n")),
                            ("LF", text.count("\n") - text.count("\r\n"))) if n]
    if len(kinds) > 1:
        warnings.append(f"mixed line endings ({', '.join(kinds)}) normalised to LF")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n")
    text = text.lstrip("\ufeff")
    stripped = _CONTROL.findall(text)
    if stripped:
        names = sorted({f"U+{ord(c):04X}" for c in stripped})
        warnings.append(f"{len(stripped)} control character(s) removed ({', '.join(names[:5])})")
        text = _CONTROL.sub("", text)
    return text


# --- dates ------------------------------------------------------------------

def _check_date(value: str, path: str, where: str) -> str:
    m = _ISO.match(value.strip())
    if m:
        try:
            return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    raise ReportError(f"report {path!r}: {where} {value.strip()[:40]!r} is not a real calendar "
                      "date: write it as YYYY-MM-DD, e.g. 2024-05-01")


def _take_date_line(text: str, path: str) -> tuple[str | None, str]:
    """Split a leading 'date YYYY-MM-DD' line off; keep any text after it on that line."""
    body = text.lstrip(" \t\n")
    line, nl, rest = body.partition("\n")
    m = _DATE_LINE.fullmatch(line)
    if not m:
        if _BAD_DATE_LINE.match(line):
            raise ReportError(f"report {path!r} begins with a date line {line.strip()[:40]!r} "
                              "that is not YYYY-MM-DD: write it as 'date 2024-05-01'")
        return None, text
    day = _check_date(m.group(1), path, "date line")
    tail = m.group(2).strip()
    return day, (tail + nl + rest) if tail else rest.lstrip("\n")


def _take_front_matter(text: str, path: str) -> tuple[str | None, str | None, str | None, str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, None, None, text
    fields = {}
    for line in m.group(1).splitlines():
        key = _FM_KEY.match(line)
        if key:
            fields[key.group(1).lower()] = line[key.end():].strip().strip("'\"")
        elif line.strip() and not line[0].isspace() and not line.startswith(("- ", "#")):
            return None, None, None, text  # prose between two rules, not YAML front matter
    if not {"date", "title"} & fields.keys():  # nothing of ours: leave the text alone
        return None, None, None, text
    day = _check_date(fields["date"][:10], path, "front-matter date") if fields.get("date") else None
    url = next((fields[k] for k in _URL_KEYS if _URL.fullmatch(fields.get(k, ""))), None) \
        or next((fields[k] for k in _URL_KEYS if fields.get(k)), None)
    return day, fields.get("title") or None, url, text[m.end():]


# --- HTML -------------------------------------------------------------------

def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith("<") and bool(_HTML_SNIFF.search(head))


_LINE = {"div", "li", "br", "tr", "dd", "dt", "td", "th", "figcaption", "caption", "form",
         "nav", "aside", "address", "body", "main", "header", "footer"}
_PARAGRAPH = {"p", "ul", "ol", "dl", "table", "section", "article", "blockquote", "pre", "hr",
              "figure", "h1", "h2", "h3", "h4", "h5", "h6"}  # headings: their own paragraph
_DROP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
         "source", "track", "wbr", "param"}
_OPTIONAL_END = {"html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody",
                 "tfoot", "option", "colgroup", "caption", "rt", "rp", "optgroup"}
_DATE_META = {"date", "article:published_time", "dc.date", "dc.date.issued", "dcterms.date",
              "pubdate", "publishdate", "datepublished", "og:published_time"}


class _HtmlText(HTMLParser):
    """Readable text of an HTML page: blocks become lines, headings their own paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.warnings: list[str] = []
        self.title: str | None = None
        self.date: str | None = None
        self.url: str | None = None         # <link rel=canonical>, else og:url
        self._og_url: str | None = None
        self._drop: list[str] = []
        self._open: list[str] = []
        self._in_title = False
        self._title_parts: list[str] = []
        self._mismatched = 0
        self._unclosed: set[str] = set()

    def run(self, text: str) -> None:
        try:
            self.feed(text)
            self.close()
        except Exception as exc:  # keep what was read; a broken tail must not cost the report
            self.warnings.append(f"HTML could not be fully parsed ({exc}); kept the text before it")
        if self._drop:
            self.warnings.append(f"malformed HTML: <{self._drop[0]}> never closed")
        if self._mismatched:
            self.warnings.append(f"malformed HTML: {self._mismatched} end tag(s) without "
                                 "a matching start tag")
        # <p>, <li>, <html>, <body>... may legally stay open; other open elements are an error
        unclosed = sorted(self._unclosed | {t for t in self._open if t not in _OPTIONAL_END})
        if unclosed:
            self.warnings.append("malformed HTML: " + ", ".join(f"<{t}>" for t in unclosed)
                                 + " never closed; the text was read as if they were")
        if self._title_parts:
            self.title = " ".join("".join(self._title_parts).split()) or None
        self.url = self.url or self._og_url

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key in _DATE_META and a.get("content") and self.date is None:
                self.date = a["content"].strip()[:10]
            if key == "og:url" and a.get("content") and self._og_url is None:
                self._og_url = a["content"].strip()
            return
        if tag == "link":
            a = {k.lower(): (v or "") for k, v in attrs}
            if "canonical" in a.get("rel", "").lower().split() and a.get("href") and self.url is None:
                self.url = a["href"].strip()
            return
        if tag == "title":
            self._in_title = True
        if tag == "body" and self._drop[:1] == ["head"]:  # <head> left open: body ends it
            self._drop.clear()
        if self._drop or tag in _DROP:
            if tag not in _VOID:
                self._drop.append(tag)
            return
        if tag not in _VOID:
            self._open.append(tag)
        self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._drop:
            if tag in self._drop:
                del self._drop[len(self._drop) - 1 - self._drop[::-1].index(tag):]
            return
        if tag in self._open:  # close it and anything left open inside it
            at = len(self._open) - 1 - self._open[::-1].index(tag)
            self._unclosed.update(t for t in self._open[at + 1:] if t not in _OPTIONAL_END)
            del self._open[at:]
        elif tag not in _VOID and tag not in _DROP:
            self._mismatched += 1
        self._block(tag)

    def _block(self, tag: str) -> None:
        if tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _LINE and not "".join(self.parts[-3:]).rstrip(" ").endswith("\n"):
            self.parts.append("\n")  # </li><li> is one line break, not two

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        if self._drop:
            return
        if "pre" in self._open:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        return "".join(self.parts)


def _tidy_html_text(text: str) -> str:
    lines = [line.strip(" \t") for line in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    out = re.sub(r"[ \t]{2,}", " ", out)
    return out.strip("\n") + "\n" if out.strip() else ""
