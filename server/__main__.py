"""Command line: `python -m server serve | worker | summarize | import | export | token`."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import signal
import sys
import threading

from . import settings


def main(argv: list[str] | None = None, *, own_process: bool = False) -> int:
    """Run one command. `own_process`: this call is the whole process (`python -m server`), which
    `summarize` may then tune for one summary and a quick exit; callers in a longer process (the
    tests) find it as they left it."""
    parser = argparse.ArgumentParser(prog="python -m server", description="Glance: summary cards for YouTube videos.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP service (gunicorn; --debug for the development server)")
    serve.add_argument("--host", help=f"address to listen on (default {settings.DEFAULTS['HOST']}, or GLANCE_HOST)")
    serve.add_argument("--port", type=int, help=f"port (default {settings.DEFAULTS['PORT']}, or GLANCE_PORT)")
    serve.add_argument("--processes", type=int, help=f"server processes (default {settings.DEFAULTS['PROCESSES']}, "
                                                     "or GLANCE_PROCESSES)")
    serve.add_argument("--threads", type=int, help=f"request threads per process (default {settings.DEFAULTS['THREADS']}, "
                                                   "or GLANCE_THREADS)")
    serve.add_argument("--debug", action="store_true", help="Werkzeug's development server instead: "
                                                            "one process, tracebacks in the log")

    worker = commands.add_parser("worker", help="run workers that make cards, for servers started with GLANCE_WORKERS=0")
    worker.add_argument("--threads", type=int, help=f"jobs at once (default {settings.DEFAULTS['WORKERS']}, or GLANCE_WORKERS)")
    worker.add_argument("--quiet", action="store_true", help="no start and stop lines (when `serve` runs it)")
    worker.add_argument("--parent", type=int, help=argparse.SUPPRESS)  # `serve`'s pid: stop when it is gone

    token = commands.add_parser("token", help="tokens of a shared server (GLANCE_AUTH=tokens): create, revoke, list")
    token_actions = token.add_subparsers(dest="action", required=True)
    token_actions.add_parser("create", help="make a token for NAME and print it (once)").add_argument("name")
    token_actions.add_parser("revoke", help="stop NAME's token from working").add_argument("name")
    token_actions.add_parser("list", help="every token's name, when it was made and revoked (never the token)")

    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("--verbose", action="store_true", help="print the service's log lines on stderr")

    summarize = commands.add_parser("summarize", parents=[verbose], help="print the cards of one video")
    summarize.add_argument("video", help="a YouTube link or video id")
    summarize.add_argument("--transcript", metavar="FILE",
                           help="transcript file: JSON segments, a corpus file, .vtt or .srt (else fetched from YouTube)")
    summarize.add_argument("--format", choices=["json", "markdown"], default="json")
    summarize.add_argument("--lang", help="the transcript's language (with --transcript), else the language to fetch")
    summarize.add_argument("--title", help="the video's title (overrides the file's)")
    summarize.add_argument("--channel", help="the video's channel (overrides the file's)")

    importer = commands.add_parser("import", parents=[verbose],
                                   help="store curated cards from a JSON file (one object or a list)")
    importer.add_argument("file")

    exporter = commands.add_parser("export", help="write stored cards as Markdown or Obsidian notes")
    exporter.add_argument("videos", nargs="*", help="video ids or links (default: every video with cards)")
    exporter.add_argument("--format", choices=["markdown", "obsidian"], default="markdown")
    exporter.add_argument("--out", metavar="PATH",
                          help="a folder (one file per video) or a .zip file; without it one video prints to the terminal")

    args = parser.parse_args(argv)
    args.own_process = own_process
    if not getattr(args, "verbose", True):
        logging.disable(logging.CRITICAL)  # a command prints its result or one error line, not log lines
    try:
        return {"serve": run_serve, "worker": run_worker, "summarize": run_summarize,
                "import": run_import, "export": run_export, "token": run_token}[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `summarize ... | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        logging.disable(logging.NOTSET)


class CommandError(Exception):
    """A problem the user can fix; printed without a traceback."""


def _app(extra: dict | None = None, check_storage: bool = True):
    from . import create_app
    from .store import StorageError

    try:
        return create_app(extra, check_storage=check_storage)
    except (ValueError, OSError, StorageError) as error:
        raise CommandError(f"cannot start: {error}") from None


def _database(app) -> str:
    """The database the app uses, as a banner may show it (a PostgreSQL URL without its password)."""
    from . import database_setting
    from .store import database_name

    return database_name(database_setting(app.config))


def run_serve(args) -> int:
    overrides = {k: v for k, v in (("HOST", args.host), ("PORT", args.port), ("PROCESSES", args.processes),
                                   ("THREADS", args.threads)) if v is not None}
    app = _app(overrides)  # checks the settings and the database once, before any process starts
    host, port = app.config["HOST"], int(app.config["PORT"])
    banner = (f"Glance is running on http://{host}:{port} (summarizer: {app.config['SUMMARIZER']}, "
              f"database: {_database(app)}")
    _check_port(host, port)  # one clear line; werkzeug and gunicorn would print their own and retry or exit
    if args.debug:
        from werkzeug.serving import make_server

        server = make_server(host, port, app, threaded=True)
        print(f"{banner}, development server). Press Ctrl+C to stop.", flush=True)
        server.serve_forever()
        return 0
    from .production import serve

    processes, threads = int(app.config["PROCESSES"]), int(app.config["THREADS"])
    job_workers = int(app.config["WORKERS"])
    app.extensions["glance.store"].close()  # each server process opens its own after the fork
    print(f"{banner}, {processes} process(es) x {threads} thread(s), {job_workers} job worker process(es)). "
          "Press Ctrl+C to stop.", flush=True)
    return serve(host, port, processes, threads, job_workers, overrides)


def _check_port(host: str, port: int) -> None:
    import errno
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        hint = " (pick another port with --port, or GLANCE_PORT)" if error.errno == errno.EADDRINUSE else ""
        raise CommandError(f"cannot listen on {host}:{port}: {error.strerror or error}{hint}") from None


def run_worker(args) -> int:
    """Run jobs until SIGTERM or Ctrl+C; a job under way is finished first."""
    from .jobs import WorkerPool

    overrides = {"WORKERS": 0}  # this process's app makes no threads of its own: the pool below is the worker
    app = _app(overrides, check_storage=not args.quiet)  # quiet: started by `serve`, which checked
    threads = args.threads if args.threads is not None else int(settings.environ_overrides().get(
        "WORKERS", settings.DEFAULTS["WORKERS"]))
    pool = WorkerPool(app.extensions["glance.jobs"], max(1, threads), idle_exit=None)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    pool.ensure_running()
    summarizer = app.extensions["glance.cards"].summarizer
    if hasattr(summarizer, "real"):  # a deferred summarizer: import it now, not in the first job
        summarizer.real()
    if not args.quiet:
        print(f"Glance worker: {len(pool.threads)} thread(s) on {_database(app)} "
              f"(summarizer: {app.config['SUMMARIZER']}). Press Ctrl+C to stop.", flush=True)
    while not stop.wait(1.0):
        if args.parent and os.getppid() != args.parent:  # `serve` was killed outright: no orphans
            break
    if not args.quiet:
        print("Stopping: finishing the jobs under way...", flush=True)
    pool.stop()
    return 0


def run_summarize(args) -> int:
    """The summarizer runs here, on the settings alone: the cards are printed, not stored, so this
    needs no Flask app, database or job queue (which would cost start-up time and import much more)."""
    from . import LOG_FORMAT, transcript_fetcher
    from .cards import finish_cards, is_partial, make_cards
    from .cli_messages import command_line_message
    from .errors import ApiError
    from .markdown import cards_to_markdown
    from .summarizers import make_summarizer
    from .transcript_files import TranscriptFileError, read_transcript_file
    from .validation import parse_language, parse_transcript, parse_video
    from .video_ids import parse_video_id

    video_id = parse_video_id(args.video)
    if video_id is None:
        raise CommandError(f"{args.video!r} is not a YouTube link or video id "
                           "(an id is 11 letters, digits, '-' or '_'; for your own file make one up, e.g. my-own-talk)")
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)  # shown with --verbose only
    if args.own_process:
        _tune_for_one_summary()
    try:
        config = {**settings.DEFAULTS, **settings.environ_overrides()}
        summarizer = make_summarizer(config["SUMMARIZER"], config)
    except ValueError as error:
        raise CommandError(f"cannot start: {error}") from None
    given = {key: value for key, value in (("title", args.title), ("channel", args.channel)) if value is not None}
    try:
        language = parse_language(args.lang, "--lang")
        if args.transcript:
            transcript_body, video_body = read_transcript_file(args.transcript)
            transcript_body.setdefault("source", "file")
            if language:
                transcript_body["language"] = language
            try:
                transcript = parse_transcript(transcript_body, config)
                video = parse_video({**video_body, **given}, video_id)
            except ApiError as error:
                raise CommandError(f"{args.transcript}: {command_line_message(error)}") from None
        else:
            transcript = transcript_fetcher(config)(video_id, language)
            video = parse_video(given, video_id)
        cards = make_cards(summarizer, video_id, transcript, video, partial=is_partial(transcript, video))
    except TranscriptFileError as error:
        raise CommandError(str(error)) from None
    except ApiError as error:
        raise CommandError(command_line_message(error)) from None
    body = finish_cards(cards, transcript)
    print(cards_to_markdown(body) if args.format == "markdown" else json.dumps(body, indent=2, ensure_ascii=False))
    if args.own_process:
        # On the way out CPython collects once more, over every object (numpy's and scipy's
        # included: 70 ms after a summary); it skips frozen ones.
        gc.freeze()
    return 0


def _tune_for_one_summary() -> None:
    """Settings for a process that makes one summary, prints it and exits."""
    # The offline summarizer does its matrix work on one BLAS thread anyway; told nothing, OpenBLAS
    # starts a busy thread per core when numpy is imported, which cost this short process 0.1 s of CPU.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # The summarizer makes next to no reference cycles (without the cycle collector peak memory is
    # 0.5 MB higher for a 3-hour talk), and collecting took 2-5 % of the run.
    gc.disable()


def run_import(args) -> int:
    from .errors import ApiError
    from .models import utc_now
    from .store import StorageError
    from .transcript_files import TranscriptFileError, read_text
    from .validation import parse_cards
    from .video_ids import parse_video_id

    try:
        data = json.loads(read_text(args.file))
    except TranscriptFileError as error:
        raise CommandError(str(error)) from None
    except json.JSONDecodeError as error:
        raise CommandError(f"{args.file} is not JSON: {error}") from None
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
    try:
        app.extensions["glance.store"].save_many_cards(checked)
    except StorageError as error:
        raise CommandError(str(error)) from None
    print(f"Stored {len(checked)} curated card set(s) in {_database(app)}.")
    return 0


def run_token(args) -> int:
    """Tokens live in the server's database, so this runs wherever GLANCE_DATABASE(_URL) reaches it."""
    from . import auth
    from .errors import ApiError
    from .store import StorageError

    logging.disable(logging.INFO)  # the app's start-up lines; errors still show
    store = _app({"WORKERS": 0}).extensions["glance.store"]
    try:
        if args.action == "create":
            token = auth.create(store, args.name)
            if token is None:
                raise CommandError(f"{args.name} already has a token; revoke it first to make a new one")
            print(f"Token for {args.name} (shown this once; the server keeps only its hash):", file=sys.stderr)
            print(token)
        elif args.action == "revoke":
            if not auth.revoke(store, args.name):
                raise CommandError(f"{args.name} has no token that works (see `python -m server token list`)")
            print(f"Revoked the token of {args.name}.")
        else:
            rows = store.list_tokens()
            for row in rows:
                state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
                print(f"{row['name']}\tcreated {row['created_at']}\t{state}")
            if not rows:
                print("No tokens yet: `python -m server token create NAME` makes one.", file=sys.stderr)
    except ApiError as error:
        raise CommandError(error.message) from None
    except StorageError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    return 0


def run_export(args) -> int:
    from pathlib import Path

    from . import export
    from .store import StorageError
    from .video_ids import parse_video_id

    wanted = []
    for given in args.videos:
        video_id = parse_video_id(given)
        if video_id is None:
            raise CommandError(f"{given!r} is not a YouTube link or video id")
        wanted.append(video_id)
    app = _app()
    try:
        all_cards = app.extensions["glance.store"].shown_cards(wanted or None)
    except StorageError as error:
        raise CommandError(str(error)) from None
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
    sys.exit(main(own_process=True))
