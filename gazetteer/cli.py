"""``gazetteer`` command line: ``gazetteer geocode NAME... [--all] [--file FILE]``, ``gazetteer reverse LAT
LON``, ``gazetteer find FILE``."""

from __future__ import annotations

import argparse
import json
import sys

from .errors import GazetteerError

__all__ = ["main"]


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
    find = sub.add_parser("find", help="print the place mentions in a text file (or - for stdin) as JSON Lines")
    find.add_argument("path")
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
        text = sys.stdin.read() if args.path == "-" else _read_text(args.path)
        mentions = gz.find(text)
        for mention in mentions:
            _print(mention.to_dict())
        return 0
    except GazetteerError as exc:
        print(f"gazetteer: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"gazetteer: cannot read {exc.filename or args.path}: {exc.strerror}", file=sys.stderr)
        return 2


def _names(args, parser) -> tuple[list[str], bool]:
    """The names to geocode, and whether they come as a batch (one JSON object per name, with its query)."""
    if args.file is not None:
        text = sys.stdin.read() if args.file == "-" else _read_text(args.file)
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
            if batch:
                _print({"query": name})
            else:
                print(f"gazetteer: no place matches {name!r}", file=sys.stderr)
    return status


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        return fh.read()


if __name__ == "__main__":
    raise SystemExit(main())
