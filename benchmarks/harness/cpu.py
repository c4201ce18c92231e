"""Server CPU time from /proc: utime + stime of a worker over chunks of requests
interleaved A-B-…-B-A, and the CPU each part of a stack used over a run."""

import contextlib
import os
import statistics
import time
from pathlib import Path

from .client import get
from .output import BenchmarkError, comment

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    stat = Path(f"/proc/{pid}/stat").read_text()
    # Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def cpu_seconds_by_process():
    """{pid: (command name, session id, CPU seconds so far)} for every process.

    A process's seconds include those of the children it has reaped (cutime, cstime):
    a gunicorn worker recycled after ``max_requests`` still counts, in its master.
    """
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError):
            text = stat.read_text()
            fields = text[text.rindex(")") + 2 :].split()
            name = text[text.index("(") + 1 : text.rindex(")")]
            ticks = sum(int(value) for value in fields[11:15])
            found[int(stat.parent.name)] = (name, int(fields[3]), ticks / CLK_TCK)
    return found


def cpu_used_between(before, after, groups):
    """CPU seconds each group used between two ``cpu_seconds_by_process()`` readings;
    ``groups`` maps a label to a test of (pid, command name, session id)."""
    used = dict.fromkeys(groups, 0.0)
    for pid, (name, session, seconds) in after.items():
        earlier = before.get(pid)
        spent = seconds - (earlier[2] if earlier and earlier[0] == name else 0.0)
        for label, belongs in groups.items():
            if belongs(pid, name, session):
                used[label] += spent
                break
    return used


def _target(spec):
    """A page to measure: a path, or (path, Cookie header value or dict)."""
    return (spec, None) if isinstance(spec, str) else spec


def warm_up(port, pages, count):
    for _ in range(count):
        for spec in pages.values():
            path, cookies = _target(spec)
            status, _headers, _body = get(port, path, cookies=cookies)
            if status != 200:
                raise BenchmarkError(f"GET {path} answered {status} during warm-up")


def measure_cpu(port, pid, pages, requests_per_page, chunk):
    """ABBA-interleaved chunks; returns {name: (ms per request, latencies in ms)}.

    ``pages`` maps a name to a path or to (path, cookies). With more than two pages
    the order is A-B-C, then C-B-A, and so on.
    """
    ticks = dict.fromkeys(pages, 0)
    latencies = {name: [] for name in pages}
    names = list(pages)
    rounds = max(1, requests_per_page // chunk)
    for round_index in range(rounds):
        order = names if round_index % 2 == 0 else names[::-1]
        for name in order:
            path, cookies = _target(pages[name])
            before = cpu_ticks(pid)
            for _ in range(chunk):
                started = time.perf_counter()
                status, _headers, _body = get(port, path, cookies=cookies)
                latencies[name].append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise BenchmarkError(f"GET {path} answered {status}")
            ticks[name] += cpu_ticks(pid) - before
    total = rounds * chunk
    return {
        name: (ticks[name] * 1000 / CLK_TCK / total, latencies[name]) for name in pages
    }


def comment_latencies(results, pid):
    for name, (_cpu, latencies) in results.items():
        comment(
            f"{name}: {len(latencies)} requests, wall median "
            f"{statistics.median(latencies):.2f} ms, "
            f"max {max(latencies):.2f} ms (client side, incl. connect)"
        )
    comment(f"CPU from /proc/{pid}/stat utime+stime, {CLK_TCK} ticks/s")


def add_cpu_arguments(parser, requests=200, chunk=25, warmup=20):
    parser.add_argument("--requests", type=int, default=requests, help="per page")
    parser.add_argument(
        "--chunk", type=int, default=chunk, help="requests per ABBA step"
    )
    parser.add_argument("--warmup", type=int, default=warmup, help="per page")
