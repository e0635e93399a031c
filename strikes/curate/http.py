"""One polite HTTP client for the public geodata services, with an on-disk answer cache.

OpenStreetMap's services are run by volunteers, and their usage policies ask for
an identifying user agent, at most one Nominatim request a second, and backing
off when told to (429, Retry-After). Every answer is cached on disk, keyed by the
request, so a second run asks nothing again and a review can be redone offline.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.files import write_atomic

# The services' policies ask a client to say who it is; a maintainer adds how to reach them (--contact).
USER_AGENT = (
    "belarus-strike-map/0.1 (labour-history research map; make curate: a maintainer's reviewed lookups, cached)"
)
# Seconds between two requests to one host: Nominatim's policy asks for one a second at most, and the
# volunteer-run Overpass servers and Wikidata get no more.
DEFAULT_INTERVAL = 1.0
# Answers worth asking again after a pause; any other error status is final.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# A Retry-After longer than this is not waited for: the run stops with the service's answer.
MAX_WAIT = 120.0


class Offline(RuntimeError):
    """A service cannot be reached at all (no route, no name resolution, connection refused)."""


class ServiceError(RuntimeError):
    """A service answered, but not with a usable answer (an error status, a timeout, a malformed body)."""


@dataclass(frozen=True)
class Request:
    """One request, whose canonical text keys the cache."""

    method: str
    url: str
    params: tuple[tuple[str, str], ...] = ()
    body: str | None = None

    @property
    def full_url(self) -> str:
        return f"{self.url}?{urllib.parse.urlencode(self.params)}" if self.params else self.url

    @property
    def key(self) -> str:
        text = json.dumps([self.method, self.url, sorted(self.params), self.body], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def host(self) -> str:
        return urllib.parse.urlsplit(self.url).netloc


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


@dataclass
class Client:
    """GET and POST for JSON, each answer cached under ``cache_dir`` and asked for at most once.

    ``sleep`` and ``clock`` are parameters so that tests can see the waits without waiting.
    """

    cache_dir: Path
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0
    intervals: Mapping[str, float] = field(default_factory=dict)  # a host's own interval, where not the default
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    asked: int = 0  # requests sent, retries included
    reused: int = 0  # answers read from the cache
    _last: dict[str, float] = field(default_factory=dict)

    def get(self, url: str, params: Mapping[str, str]) -> Any:
        return self.fetch(Request("GET", url, tuple(params.items())))

    def post(self, url: str, form: Mapping[str, str]) -> Any:
        return self.fetch(Request("POST", url, body=urllib.parse.urlencode(form)))

    def cache_path(self, request: Request) -> Path:
        return self.cache_dir / request.host.replace(":", "_") / f"{request.key}.json"

    def fetch(self, request: Request) -> Any:
        """The answer's JSON, from the cache or the service; only a well-formed answer is cached."""
        path = self.cache_path(request)
        if path.exists():
            self.reused += 1
            return json.loads(path.read_text(encoding="utf-8"))["answer"]
        answer = self._ask(request)
        record = {"method": request.method, "url": request.full_url, "body": request.body, "answer": answer}
        write_atomic(path, (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        return answer

    def _wait_turn(self, host: str) -> None:
        interval = self.intervals.get(host, DEFAULT_INTERVAL)
        last = self._last.get(host)
        if last is not None:
            pause = last + interval - self.clock()
            if pause > 0:
                self.sleep(pause)
        self._last[host] = self.clock()

    def _ask(self, request: Request) -> Any:
        why, wait = "", 0.0
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(wait)
            self._wait_turn(request.host)
            self.asked += 1
            data = request.body.encode("utf-8") if request.body is not None else None
            http = urllib.request.Request(
                request.full_url,
                data=data,
                method=request.method,
                headers={"User-Agent": self.user_agent, "Accept": "application/json"},
            )
            wait = self.backoff * 2**attempt
            try:
                with urllib.request.urlopen(http, timeout=self.timeout) as answer:
                    body = answer.read()
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES:
                    raise ServiceError(f"{request.host} answered {exc.code} {exc.reason}") from None
                why = f"{exc.code} {exc.reason}"
                asked = retry_after(exc.headers.get("Retry-After"), time.time())
                if asked is not None:
                    if asked > MAX_WAIT:
                        raise ServiceError(f"{request.host} asks to wait {asked:.0f} s ({why})") from None
                    wait = asked
                continue
            except TimeoutError:
                why = f"no answer in {self.timeout:g} s"
                continue
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    why = f"no answer in {self.timeout:g} s"
                    continue
                raise Offline(f"cannot reach {request.host} ({exc.reason})") from None
            except (ConnectionError, OSError) as exc:
                raise Offline(f"cannot reach {request.host} ({exc})") from None
            try:
                return json.loads(body)
            except ValueError:
                raise ServiceError(f"{request.host} answered something that is not JSON: {body[:60]!r}") from None
        raise ServiceError(f"{request.host} gave no answer after {self.retries + 1} tries ({why})")


def user_agent(contact: str | None = None) -> str:
    """The project's user agent, with the maintainer's e-mail or page when given, as Nominatim's policy asks."""
    return f"{USER_AGENT[:-1]}; contact: {contact})" if contact else USER_AGENT
