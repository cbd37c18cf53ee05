"""Who may do what on a shared server (`GLANCE_AUTH=tokens`): tokens, their hashes, the checks and the access log.

An open server (the default, for one person's machine) lets every request through as
before. A shared one needs a token (`python -m server token create NAME`) on every request
that writes, refreshes or makes cards or fetches a transcript; reading stored cards stays
open unless `GLANCE_AUTH_READS=tokens`. The admin token counts as a token too and alone
keeps PUT/DELETE of curated cards (api.py). Tokens are kept only as SHA-256 hashes, and
the access log names a request's token, never shows it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets

from flask import Flask, Response, g, request

from .errors import InvalidRequest, Unauthorized
from .models import utc_now
from .store import StorageError, Store

log = logging.getLogger("glance.access")

MODES = ("open", "tokens")
TOKEN_PREFIX = "glance_"  # so a leaked token is recognisable (and greppable) as Glance's
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")  # names go into log lines: no spaces or newlines
ADMIN_NAME = "admin"
GATED_BLUEPRINTS = ("api", "ask", "library")  # every request a token may be asked for


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)  # 256 random bits


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise InvalidRequest("A token's name is 1-64 letters, digits or . _ @ + - (it appears in the server log).")
    return name


def create(store: Store, name: str) -> str | None:
    """A new token for `name` (shown once: only its hash is kept); None when `name` already has one."""
    token = new_token()
    return token if store.create_token(check_name(name), hash_token(token), utc_now()) else None


def revoke(store: Store, name: str) -> bool:
    return store.revoke_token(name, utc_now())


class Auth:
    """The checks of one app; `require_writer` is what api.py calls before work that needs a token."""

    def __init__(self, store: Store, mode: str, reads: str, admin_token: str | None):
        if mode not in MODES:
            raise ValueError(f"GLANCE_AUTH must be one of {', '.join(MODES)}, not {mode!r}")
        if reads not in MODES:
            raise ValueError(f"GLANCE_AUTH_READS must be one of {', '.join(MODES)}, not {reads!r}")
        self.store, self.mode, self.reads, self.admin_token = store, mode, reads, admin_token

    @property
    def enabled(self) -> bool:
        return self.mode == "tokens"

    def identify(self) -> str | None:
        """The name of the request's valid token (looked up once per request), else None."""
        if "glance_token" not in g:
            g.glance_token, g.glance_token_error = None, None
            given = bearer_token()
            if given and self.admin_token and hmac.compare_digest(given.encode(), str(self.admin_token).encode()):
                g.glance_token = ADMIN_NAME
            elif given:
                g.glance_token = self.store.token_name(hash_token(given))
                if g.glance_token is None:
                    g.glance_token_error = "invalid"
        return g.glance_token

    def require_writer(self) -> None:
        """On a shared server, refuse a request without a valid token (missing, wrong or revoked)."""
        if self.enabled and self.identify() is None:
            raise self._refusal("to make or change cards")

    def require_reader(self) -> None:
        if self.enabled and self.reads == "tokens" and self.identify() is None:
            raise self._refusal("to read cards")

    def rate_client(self) -> str:
        """Whom the rate limit counts: the token's name on a shared server (a proxy's address is everyone's)."""
        name = self.identify() if self.enabled else None
        return f"token:{name}" if name else (request.remote_addr or "unknown")

    def _refusal(self, what: str) -> Unauthorized:
        headers = {"WWW-Authenticate": 'Bearer realm="glance"'}
        if g.get("glance_token_error") == "invalid":
            return Unauthorized("This token is not valid on this server (mistyped, or revoked); "
                                "ask the server's admin for a new one.", headers=headers)
        return Unauthorized(f"This server needs a token {what}: paste yours in the extension's options, "
                            "or send 'Authorization: Bearer <token>'.", headers=headers)


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header[:7].lower() == "bearer " else ""


def init_app(app: Flask, store: Store) -> Auth:
    """Build the app's Auth, gate reads when asked, and log each API request with its token's name."""
    auth = Auth(store, app.config["AUTH"], app.config["AUTH_READS"], app.config.get("ADMIN_TOKEN"))
    app.extensions["glance.auth"] = auth
    if not auth.enabled:
        return auth

    @app.before_request
    def gate_reads():
        # the library's pages and exports are reads of stored cards too (a browser sends no token:
        # with gated reads they serve API clients only)
        if (request.blueprint in GATED_BLUEPRINTS and request.method != "OPTIONS"
                and request.endpoint != "api.health"):
            auth.require_reader()

    @app.after_request
    def access_log(response: Response) -> Response:
        if request.blueprint in GATED_BLUEPRINTS:
            # the token's name only: the header itself is never logged or echoed
            try:
                name = auth.identify() or ("(invalid token)" if bearer_token() else "-")
            except StorageError:
                name = "(unchecked)"
            log.info("%s %s %s %s token=%s", request.remote_addr, request.method, request.full_path.rstrip("?"),
                     response.status_code, name)
        return response

    return auth
