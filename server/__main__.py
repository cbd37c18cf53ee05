"""Command line: `python -m server serve | summarize | import | export`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys

from . import settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server", description="Glance: summary cards for YouTube videos.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", help=f"address to listen on (default {settings.DEFAULTS['HOST']}, or GLANCE_HOST)")
    serve.add_argument("--port", type=int, help=f"port (default {settings.DEFAULTS['PORT']}, or GLANCE_PORT)")

    summarize = commands.add_parser("summarize", help="print the cards of one video")
    summarize.add_argument("video", help="a YouTube link or video id")
    summarize.add_argument("--transcript", metavar="FILE",
                           help="transcript file: JSON segments, a corpus file, .vtt or .srt (else fetched from YouTube)")
    summarize.add_argument("--format", choices=["json", "markdown"], default="json")
    summarize.add_argument("--lang", help="language to fetch from YouTube")

    importer = commands.add_parser("import", help="store curated cards from a JSON file (one object or a list)")
    importer.add_argument("file")

    exporter = commands.add_parser("export", help="write stored cards as Markdown or Obsidian notes")
    exporter.add_argument("videos", nargs="*", help="video ids or links (default: every video with cards)")
    exporter.add_argument("--format", choices=["markdown", "obsidian"], default="markdown")
    exporter.add_argument("--out", metavar="PATH",
                          help="a folder (one file per video) or a .zip file; without it one video prints to the terminal")

    args = parser.parse_args(argv)
    try:
        return {"serve": run_serve, "summarize": run_summarize, "import": run_import,
                "export": run_export}[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `summarize ... | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


class CommandError(Exception):
    """A problem the user can fix; printed without a traceback."""


def _app(extra: dict | None = None):
    from . import create_app

    try:
        return create_app(extra)
    except (ValueError, OSError, sqlite3.Error) as error:
        raise CommandError(f"cannot start: {error}") from None


def run_serve(args) -> int:
    from werkzeug.serving import make_server

    overrides = {k: v for k, v in (("HOST", args.host), ("PORT", args.port)) if v is not None}
    app = _app(overrides)
    host, port = app.config["HOST"], int(app.config["PORT"])
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as error:
        raise CommandError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    print(f"Glance is running on http://{host}:{port} (summarizer: {app.config['SUMMARIZER']}, "
          f"database: {app.config['DATABASE']}). Press Ctrl+C to stop.", flush=True)
    server.serve_forever()
    return 0


def run_summarize(args) -> int:
    from .errors import ApiError
    from .markdown import cards_to_markdown
    from .transcript_files import TranscriptFileError, read_transcript_file
    from .validation import parse_language, parse_transcript, parse_video
    from .video_ids import parse_video_id

    video_id = parse_video_id(args.video)
    if video_id is None:
        raise CommandError(f"{args.video!r} is not a YouTube link or video id")
    app = _app({"DATABASE": ":memory:", "RATE_LIMIT": 0})
    logging.getLogger().setLevel(logging.WARNING)  # print the cards, not the service's progress lines
    maker = app.extensions["glance.cards"]
    try:
        language = parse_language(args.lang)
        if args.transcript:
            transcript_body, video_body = read_transcript_file(args.transcript)
            transcript_body.setdefault("source", "file")
            transcript = parse_transcript(transcript_body, app.config)
            video = parse_video(video_body, video_id)
        else:
            transcript = maker.fetch_transcript(video_id, language)
            video = parse_video(None, video_id)
        from .db import connect
        cards = maker.get_cards(connect(":memory:"), video_id, transcript=transcript, video=video)
    except TranscriptFileError as error:
        raise CommandError(str(error)) from None
    except ApiError as error:
        raise CommandError(f"{error.message} ({error.code})") from None
    text = cards_to_markdown(cards) if args.format == "markdown" else json.dumps(cards, indent=2, ensure_ascii=False)
    print(text)
    return 0


def run_import(args) -> int:
    from . import db
    from .errors import ApiError
    from .models import utc_now
    from .validation import parse_cards
    from .video_ids import parse_video_id

    try:
        with open(args.file, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise CommandError(f"cannot read {args.file}: {error}") from None
    items = data if isinstance(data, list) else [data]
    checked = []
    for position, item in enumerate(items, 1):
        video_id = parse_video_id(str(item.get("video_id", ""))) if isinstance(item, dict) else None
        if video_id is None:
            raise CommandError(f"item {position}: 'video_id' is missing or not a YouTube video id")
        try:
            cards = parse_cards({**item, "video_id": video_id}, video_id)  # a link is fine too
        except ApiError as error:
            raise CommandError(f"item {position} ({video_id}): {error.message}") from None
        cards["meta"]["created_at"] = utc_now()
        checked.append(cards)
    app = _app()  # only now: a bad file stores nothing
    conn = db.connect(app.config["DATABASE"])
    try:
        db.save_many_cards(conn, checked)
    finally:
        conn.close()
    print(f"Stored {len(checked)} curated card set(s) in {app.config['DATABASE']}.")
    return 0


def run_export(args) -> int:
    from pathlib import Path

    from . import db, export, library_store
    from .video_ids import parse_video_id

    wanted = []
    for given in args.videos:
        video_id = parse_video_id(given)
        if video_id is None:
            raise CommandError(f"{given!r} is not a YouTube link or video id")
        wanted.append(video_id)
    app = _app()
    conn = db.connect(app.config["DATABASE"])
    try:
        all_cards = library_store.all_cards(conn, wanted or None)
    finally:
        conn.close()
    missing = [v for v in wanted if v not in {c["video_id"] for c in all_cards}]
    if missing:
        raise CommandError(f"no cards are stored for {', '.join(missing)} in {app.config['DATABASE']}")
    if not all_cards:
        raise CommandError(f"no cards are stored in {app.config['DATABASE']} yet")
    if not args.out:
        if len(all_cards) > 1:
            raise CommandError(f"{len(all_cards)} videos: give --out FOLDER or --out FILE.zip")
        print(export.render(all_cards[0], args.format), end="")
        return 0
    out = Path(args.out)
    try:
        if out.suffix.lower() == ".zip":
            out.write_bytes(export.zip_of(all_cards, args.format))
        else:
            out.mkdir(parents=True, exist_ok=True)
            for cards in all_cards:
                (out / export.file_name(cards)).write_text(export.render(cards, args.format), encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
    print(f"Wrote {len(all_cards)} video(s) as {args.format} to {out}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
