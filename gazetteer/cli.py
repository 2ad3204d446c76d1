"""``gazetteer`` command line: ``gazetteer geocode NAME... [--all] [--file FILE]``, ``gazetteer reverse LAT
LON``, ``gazetteer find FILE``.

Files (and standard input) are read as they are: at most ``--max-bytes`` of them (a device or a FIFO that
never ends is refused, not read into memory for ever), refused when they are binary, decoded as UTF-8
(a byte-order mark dropped, bad bytes replaced by U+FFFD) without translating line ends, so the offsets
``find`` prints count the file's own characters, a CRLF file's CR included. Names in messages are shown
with their control characters escaped.
"""

from __future__ import annotations

import argparse
import json
import sys

from .errors import GazetteerError

__all__ = ["MAX_BYTES", "main"]

#: Bytes of a file (or of standard input) read at most, unless --max-bytes says otherwise.
MAX_BYTES = 50_000_000
_BLOCK = 1 << 20
_SNIFF = 8192  # bytes looked at for a NUL, which says a file is binary
_UTF16 = (b"\xff\xfe", b"\xfe\xff")  # the byte-order marks of UTF-16, whose text holds NUL bytes


def _print(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 found, 1 nothing matched, 2 usage error)."""
    parser = argparse.ArgumentParser(prog="gazetteer", description="Offline Arabic-aware gazetteer.")
    sub = parser.add_subparsers(dest="command", required=True)
    geocode = sub.add_parser(
        "geocode", help="print the best place for each NAME as JSON, one object per line",
        description="One name: its best place as one JSON object. Several names, a file of names (one a line) "
                    "or standard input (--file -, or no NAME with input piped): one JSON object per name, "
                    "the place's fields and 'query' (only 'query' when nothing matches). Exit 1 when a name "
                    "matches nothing.")
    geocode.add_argument("name", nargs="*", help="place name (Arabic or Latin); 'NAME، COUNTRY' narrows; "
                                                 "quote a name of several words")
    geocode.add_argument("-f", "--file", help="read names from FILE, one a line ('-' for standard input)")
    geocode.add_argument("--all", action="store_true", help="print every candidate, best first, one per line")
    geocode.add_argument("--limit", type=int, default=10, help="candidates with --all (default 10)")
    geocode.add_argument("--country", action="append", metavar="CC", help="keep places in this country (ISO2; repeatable)")
    geocode.add_argument("--feature", action="append", metavar="FEATURE", help="keep places of this feature class (repeatable)")
    reverse = sub.add_parser("reverse", help="print the nearest populated place to LAT LON")
    reverse.add_argument("latitude", type=float)
    reverse.add_argument("longitude", type=float)
    reverse.add_argument("--max-km", type=float, default=50.0, help="nothing farther than this (default 50; 0: no limit)")
    find = sub.add_parser("find", help="print the place mentions in a text file (or - for stdin) as JSON Lines",
                          description="Print the place mentions of a UTF-8 text file (or - for standard input) as "
                                      "JSON Lines; start and end count the file's characters as they are (line "
                                      "ends not translated).")
    find.add_argument("path")
    for command in (geocode, find):
        command.add_argument("--max-bytes", type=_positive, default=MAX_BYTES, metavar="N",
                             help=f"read at most N bytes of the file (default {MAX_BYTES})")
    args = parser.parse_args(argv)

    from .gazetteer import Gazetteer

    try:
        gz = Gazetteer()
        if args.command == "geocode":
            return _geocode(gz, args, parser)
        if args.command == "reverse":
            place = gz.reverse(args.latitude, args.longitude, max_km=args.max_km or None)
            if place is None:
                print(f"gazetteer: no populated place within {args.max_km:g} km", file=sys.stderr)
                return 1
            _print(place.to_dict())
            return 0
        text = _read_text(args.path, args.max_bytes)
        mentions = gz.find(text)
        for mention in mentions:
            _print(mention.to_dict())
        return 0
    except GazetteerError as exc:
        _say(f"gazetteer: {exc}")
        return 2
    except _Unreadable as exc:
        _say(f"gazetteer: cannot read {exc.args[0]}: {exc.args[1]}")
        return 2
    except OSError as exc:
        _say(f"gazetteer: cannot read {exc.filename or args.path}: {exc.strerror or exc}")
        return 2


class _Unreadable(Exception):
    """A file that is not read: (its name, why)."""


def _say(text: str) -> None:
    """One line on standard error, each character a terminal would act on (controls, bidi overrides) escaped."""
    print("".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text),
          file=sys.stderr)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 0 < value <= 1 << 40:
        raise argparse.ArgumentTypeError(f"expected a whole number of bytes above 0 and at most {1 << 40}, "
                                         f"got {text!r}")
    return value


def _names(args, parser) -> tuple[list[str], bool]:
    """The names to geocode, and whether they come as a batch (one JSON object per name, with its query)."""
    if args.file is not None:
        text = _read_text(args.file, args.max_bytes)
        return [n.strip() for n in text.splitlines() if n.strip()] + list(args.name), True
    if args.name:
        return list(args.name), len(args.name) > 1
    if not sys.stdin.isatty():
        return [n.strip() for n in sys.stdin.read().splitlines() if n.strip()], True
    parser.error("geocode needs a NAME, --file FILE, or names on standard input")
    return [], False


def _geocode(gz, args, parser) -> int:
    names, batch = _names(args, parser)
    status = 0
    for name in names:
        filters = {"country": args.country, "feature": args.feature}
        places = gz.lookup(name, limit=args.limit, **filters) if args.all else [gz.geocode(name, **filters)]
        places = [p for p in places if p is not None]
        for place in places:
            _print({"query": name, **place.to_dict()} if batch else place.to_dict())
        if not places:
            status = 1
            several = not args.all and bool(gz.lookup(name, limit=2, **filters))  # far-apart namesakes
            if batch:
                _print({"query": name, "ambiguous": True} if several else {"query": name})
            elif several:
                print(f"gazetteer: {name!r} names several places far apart, none of them dominant "
                      "(--all lists them; --country narrows them)", file=sys.stderr)
            else:
                print(f"gazetteer: no place matches {name!r}", file=sys.stderr)
    return status


def _read_text(path: str, limit: int = MAX_BYTES) -> str:
    """A file's text (``-``: standard input's), read as it is: at most ``limit`` bytes, not binary, UTF-8 with
    bad bytes replaced, line ends kept as written.

    Raises
    ------
    _Unreadable
        The file is binary or larger than ``limit``.
    """
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    name = "standard input" if path == "-" else path
    try:
        blocks, size = [], 0
        while size <= limit:
            block = stream.read(min(_BLOCK, limit + 1 - size))
            if not block:
                break
            if not blocks and b"\0" in block[:_SNIFF] and not block.startswith(_UTF16):
                raise _Unreadable(name, "binary file, not text")
            blocks.append(block)
            size += len(block)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if size > limit:
        raise _Unreadable(name, f"larger than {limit} bytes (see --max-bytes)")
    data = b"".join(blocks)
    return data.decode("utf-16" if data.startswith(_UTF16) else "utf-8-sig", errors="replace")


if __name__ == "__main__":
    raise SystemExit(main())
