"""``gazetteer`` command line: ``gazetteer geocode NAME [--all]``, ``gazetteer reverse LAT LON``,
``gazetteer find FILE``."""

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
    geocode = sub.add_parser("geocode", help="print the best place for NAME as JSON")
    geocode.add_argument("name", nargs="+", help="place name (Arabic or Latin); 'NAME، COUNTRY' narrows")
    geocode.add_argument("--all", action="store_true", help="print every candidate, best first, one per line")
    geocode.add_argument("--limit", type=int, default=10, help="candidates with --all (default 10)")
    reverse = sub.add_parser("reverse", help="print the nearest populated place to LAT LON")
    reverse.add_argument("latitude", type=float)
    reverse.add_argument("longitude", type=float)
    find = sub.add_parser("find", help="print the place mentions in a text file (or - for stdin) as JSON Lines")
    find.add_argument("path")
    args = parser.parse_args(argv)

    from .gazetteer import Gazetteer

    try:
        gz = Gazetteer()
        if args.command == "geocode":
            name = " ".join(args.name)
            places = gz.lookup(name, limit=args.limit) if args.all else [gz.geocode(name)]
            places = [p for p in places if p is not None]
            for place in places:
                _print(place.to_dict())
            if not places:
                print(f"gazetteer: no place matches {name!r}", file=sys.stderr)
            return 0 if places else 1
        if args.command == "reverse":
            place = gz.reverse(args.latitude, args.longitude)
            if place is None:
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


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        return fh.read()


if __name__ == "__main__":
    raise SystemExit(main())
