"""Sharing the query workers fairly between clients (asyncio, in front of :class:`.workers.WorkerPool`).

    scheduler = FairScheduler(slots=N, per_client=32, max_waiting=64, max_wait=10.0)
    reply = await scheduler.run(client_key(scope), pool.submit, job)     # or Busy(status, retry_after, message)

* per_client: a client (by address) may have at most this many requests running or waiting; more -> 429.
* max_waiting: at most this many requests wait in total; more -> 503 (server busy).
* a waiting request that gets no slot within max_wait -> 503.
* the next free slot goes to the waiting CLIENTS in round-robin order (not to the oldest request), so one
  client with a backlog cannot starve the others.
* the blocking worker call runs in a thread (run_in_executor). The slot is released when the THREAD finishes,
  not when the HTTP client goes away: a cancelled request keeps its worker busy until the worker answers or
  is killed at its deadline, and the slot count stays honest.
* Retry-After: ceil(average service time x (waiting / slots + 1)), at least 1 s.

Client identity: the peer address; IPv6 grouped by /64. Behind a reverse proxy every request comes from the
proxy: then (and only when configured) take the last X-Forwarded-For hop. On a loopback-only server all local
clients share 127.0.0.1, so per-client limits act like a global per-machine limit there.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import time
from collections import OrderedDict, deque
from concurrent.futures import ThreadPoolExecutor


class Busy(Exception):
    """A request the server will not take now: ``status`` 429, 503, 408 or 413, with a Retry-After in seconds."""

    def __init__(self, status: int, retry_after: int, message: str):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def client_key(scope, trust_forwarded: bool = False) -> str:
    """Who sent the request: the peer address (an IPv6 address by its /64), or behind a trusted proxy the last
    X-Forwarded-For hop."""
    host = (scope.get("client") or ("unknown", 0))[0]
    if trust_forwarded:
        for k, v in scope.get("headers", []):
            if k == b"x-forwarded-for":
                host = v.decode("latin-1").split(",")[-1].strip()
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class FairScheduler:
    """Worker slots handed out round-robin between the clients waiting for one (see the module's description)."""

    def __init__(self, slots: int, per_client: int = 2, max_waiting: int = 16, max_wait: float = 10.0):
        self.slots = slots
        self.free = slots
        self.per_client = per_client
        self.max_waiting = max_waiting
        self.max_wait = max_wait
        self.held: dict[str, int] = {}                       # client -> running + waiting
        self.waiting: OrderedDict[str, deque] = OrderedDict()  # client -> futures, round-robin order
        self.n_waiting = 0
        self.avg_service = 1.0
        self.executor = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="pool-call")

    @property
    def busy(self) -> int:
        return self.slots - self.free

    def retry_after(self) -> int:
        return max(1, math.ceil(self.avg_service * (self.n_waiting / self.slots + 1)))

    async def _acquire(self, client: str) -> None:
        if self.free > 0 and self.n_waiting == 0:
            self.free -= 1
            return
        if self.n_waiting >= self.max_waiting:
            raise Busy(503, self.retry_after(), "the server is busy: too many queries are waiting; try again later")
        fut = asyncio.get_running_loop().create_future()
        self.waiting.setdefault(client, deque()).append(fut)
        self.n_waiting += 1
        try:
            await asyncio.wait_for(asyncio.shield(fut), self.max_wait)
        except (asyncio.TimeoutError, asyncio.CancelledError) as err:
            if fut.done() and not fut.cancelled():  # the slot arrived just as we gave up: hand it on
                self._release()
            else:
                fut.cancel()
                self._forget(client, fut)
            if isinstance(err, asyncio.CancelledError):
                raise
            raise Busy(503, self.retry_after(), "the server is busy: no query worker became free in time") from None

    def _forget(self, client, fut):
        dq = self.waiting.get(client)
        if dq is not None and fut in dq:
            dq.remove(fut)
            self.n_waiting -= 1
            if not dq:
                del self.waiting[client]

    def _release(self) -> None:
        while self.waiting:
            client, dq = next(iter(self.waiting.items()))
            fut = dq.popleft()
            self.n_waiting -= 1
            if dq:
                self.waiting.move_to_end(client)  # round robin: this client goes to the back
            else:
                del self.waiting[client]
            if not fut.done():
                fut.set_result(None)
                return
        self.free += 1

    async def run(self, client: str, fn, *args):
        """``fn(*args)`` in a thread once this client's turn for a slot has come; Busy when it cannot be taken."""
        if self.held.get(client, 0) >= self.per_client:
            raise Busy(429, self.retry_after(), f"too many queries from your address at once (at most "
                                                f"{self.per_client}); wait for an answer before sending more")
        self.held[client] = self.held.get(client, 0) + 1
        try:
            await self._acquire(client)
        except BaseException:
            self._drop(client)
            raise
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        call = loop.run_in_executor(self.executor, fn, *args)

        def done(_):
            self.avg_service = 0.8 * self.avg_service + 0.2 * (time.monotonic() - started)
            self._drop(client)
            self._release()

        call.add_done_callback(done)
        return await asyncio.shield(call)  # a client that disconnects does not free the slot early

    def _drop(self, client: str) -> None:
        n = self.held.get(client, 0) - 1
        if n > 0:
            self.held[client] = n
        else:
            self.held.pop(client, None)
