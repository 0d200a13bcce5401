"""fetch_daemon: bench/fetch's measured cycles of `planwatch run`.

The daemon is started on the scratch directory the `once` phases left,
every collector due every --daemon-interval seconds without jitter, its
HTTP server on a free 127.0.0.1 port.  After its first cycle (start-up
and catching up, not measured):

  daemon  --daemon-cycles times: the server's round is advanced (one new
          year per feed) and the next scheduled cycle is measured.  CPU
          between quiet points of the process; wall from the server's
          first request to the moment every journal was seen grown (one
          poll interval late at most, see wait_journaled).
  d-304   once: the round is set again without advancing it (the
          counters reset, every ETag the same), so every answer is 304:
          CPU between quiet points, wall = the server's span (first
          request to last answer), nothing stored.

During each measured cycle a thread GETs /healthz every PROBE_EVERY
seconds and keeps the worst response time: /healthz is answered on the
event loop, so that is the loop's lateness plus one loopback request
(whose idle figure, a few probes before the cycle, goes to the log).
The probe starts about two seconds before the cycle is due and stops
once the daemon is quiet; what its answers cost the daemon (measured
once per run on the idle daemon, per answer) is taken out of the
cycle's CPU, and said in the log.  With --perf DIR every measured cycle
runs under `perf record`.
"""

import multiprocessing
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

from fetch_common import (journal_sizes, journals_grown, log, log_row,
                          planwatch_config, proc_cpu, proc_hwm_kb,
                          wait_quiet, wait_round)

PROBE_EVERY = 0.02
PROBE_TIMEOUT = 60.0
# CPU the daemon may use in the quiet window while probed: about 75
# answers to /healthz in 1.5 s (well under a millisecond each).
PROBE_SLACK = 0.03


def free_port():
    """A port free on 127.0.0.1 now (the daemon binds it moments later;
    a collision fails its start, which the run reports)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthz(port):
    """One GET /healthz on a new connection: its time in seconds, or
    None when it failed."""
    t0 = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port),
                                      timeout=PROBE_TIMEOUT) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Connection: close\r\n\r\n")
            got = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                got += chunk
    except OSError:
        return None
    dt = time.perf_counter() - t0
    return dt if got.startswith(b"HTTP/1.1 200") else None


def probe_once(port, times):
    """One probe, its time in ms added to times; 1 when it failed."""
    dt = healthz(port)
    if dt is None:
        return 1
    times.append(1000 * dt)
    return 0


def probe_loop(port, halt, conn):
    """The probe's process: /healthz every PROBE_EVERY seconds until
    halt is set, then (times in ms, failures) sent on conn."""
    times, failed = [], 0
    while not halt.is_set():
        failed += probe_once(port, times)
        halt.wait(PROBE_EVERY)
    conn.send((times, failed))
    conn.close()


class Probe:
    """/healthz every PROBE_EVERY seconds until stopped, in a process of
    its own: a thread of this one waited for the interpreter's lock while
    the bench statted 100,000 journals, and counted that wait as the
    daemon's lateness (168 ms at 100,000 feeds in cycles of new data,
    where the journals are watched; 28 ms in the all-304 cycle)."""

    def __init__(self, port):
        self.port = port
        self.halt = multiprocessing.Event()
        self.conn, child = multiprocessing.Pipe(duplex=False)
        self.proc = multiprocessing.Process(
            target=probe_loop, args=(port, self.halt, child), daemon=True)

    def start(self):
        self.proc.start()

    def stop(self):
        self.halt.set()
        times, failed = [], 0
        if self.conn.poll(PROBE_TIMEOUT + 5):
            times, failed = self.conn.recv()
        self.proc.join(PROBE_TIMEOUT + 5)
        if self.proc.is_alive():
            self.proc.kill()
        return summary(times, failed)


def summary(times, failed):
    if not times:
        return {"count": 0, "failed": failed, "worst": None,
                "median": None}
    return {"count": len(times), "failed": failed, "worst": max(times),
            "median": statistics.median(times)}


def baseline(port, k=10):
    """k probes of the idle daemon, PROBE_EVERY apart."""
    times, failed = [], 0
    for _ in range(k):
        failed += probe_once(port, times)
        time.sleep(PROBE_EVERY)
    return summary(times, failed)


class Perf:
    """`perf record` attached to one process for one cycle, or nothing
    when --perf was not given or perf is missing."""

    def __init__(self, out_dir, pid, name):
        self.proc = None
        if out_dir is None:
            return
        if shutil.which("perf") is None:
            log("  perf: not installed, no profile of %s" % name)
            return
        self.path = os.path.join(out_dir, "perf-%s.data" % name)
        self.errf = open(self.path + ".log", "w")
        self.proc = subprocess.Popen(
            ["perf", "record", "-F", "499", "--call-graph", "dwarf,8192",
             "--no-buildid-cache", "-p", str(pid), "-o", self.path],
            stdout=self.errf, stderr=subprocess.STDOUT)
        # perf writes the file's header once it is attached
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.proc.poll() is None \
                and not os.path.exists(self.path):
            time.sleep(0.05)
        time.sleep(0.2)
        if self.proc.poll() is not None:
            self.errf.close()
            with open(self.path + ".log", errors="replace") as f:
                log("  perf: exited at once (%s): %s" % (
                    self.proc.returncode, f.read().strip()[-300:]))
            self.proc = None

    def stop(self):
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(600)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(30)
        self.errf.close()
        log("  perf: %s (%.1f MB); bench/profile-summary %s" % (
            self.path, os.path.getsize(self.path) / 1e6
            if os.path.exists(self.path) else 0, self.path))


def poll_interval(n):
    """Seconds between two looks at the journals: 50 ms up to 25,000
    feeds, then 2 us per feed (0.2 s at 100,000)."""
    return max(0.05, n * 2e-6)


def wait_journaled(data_dir, before, n, bound):
    """Waits until n journals grew past their sizes in before; returns
    the monotonic time it saw that (None if not within bound) and how
    many grew.  Only journals not yet seen grown are looked at again, so
    the whole wait costs about one stat per journal plus the stragglers;
    the time returned is late by at most one poll_interval(n) and one
    look at the remaining journals (their resolution)."""
    deadline = time.monotonic() + bound
    pending = dict(before)
    for p in journal_sizes(data_dir):
        pending.setdefault(p, 0)
    grown = 0
    while True:
        for p in list(pending):
            try:
                size = os.stat(p).st_size
            except FileNotFoundError:
                continue
            if size > pending[p]:
                del pending[p]
                grown += 1
        if grown >= n:
            return time.monotonic(), grown
        if time.monotonic() > deadline:
            return None, grown
        time.sleep(poll_interval(n))


def task_runtime(pid):
    """CPU time of all the process's threads in seconds, to the
    nanosecond (schedstat), for the probe's own cost."""
    total = 0
    for t in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, t)) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total / 1e9


def probe_cost(pid, port, k=300):
    """The daemon's CPU per answered /healthz: k probes back to back on
    the idle daemon.  Subtracted from a cycle's CPU (probes x this), so
    that the probe does not count as the cycle's work."""
    t0 = task_runtime(pid)
    ok = sum(1 for _ in range(k) if healthz(port) is not None)
    cost = (task_runtime(pid) - t0) / max(ok, 1)
    log("  probe: one /healthz costs the daemon %.1f us of CPU (%d probes)"
        % (1e6 * cost, ok))
    return cost


class Cycle:
    """What one measured cycle watches: the probe, perf, the CPU.  They
    start a little before the cycle is expected (the previous cycle's
    first request plus the interval), so that the probe's cost on the
    daemon covers the cycle and not the whole interval."""

    LEAD = 2.0

    def __init__(self, a, proc, port, name, expected, cost):
        wait = expected - self.LEAD - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.proc = proc
        self.cost = cost
        self.base = baseline(port)
        self.perf = Perf(a.perf, proc.pid, name)
        self.probe = Probe(port)
        self.probe.start()
        self.started = time.monotonic()
        self.cpu0 = proc_cpu(proc.pid)

    def end(self, bound, first):
        """Waits until the daemon is quiet; the CPU (the probe's answers
        taken out), the probe's figures, and whether it was quiet."""
        quiet = wait_quiet(self.proc.pid, 1.5, bound, PROBE_SLACK)
        late = self.probe.stop()
        raw = proc_cpu(self.proc.pid) - self.cpu0
        self.perf.stop()
        late["cpu"] = late["count"] * self.cost
        b = self.base
        log("  probe: idle median %s ms, worst %s ms (%d, %d failed); "
            "cycle median %s ms, worst %s ms (%d probes, %d failed, "
            "%.3f s of the daemon's %.3f s CPU)%s%s" % (
                fmt_ms(b["median"]), fmt_ms(b["worst"]), b["count"],
                b["failed"], fmt_ms(late["median"]), fmt_ms(late["worst"]),
                late["count"], late["failed"], late["cpu"], raw,
                "" if quiet else "; never quiet",
                "; started after the cycle's first request"
                if first is not None and first < self.started else ""))
        return max(0.0, raw - late["cpu"]), late, quiet


def fmt_ms(x):
    return "-" if x is None else "%.1f" % x


def row_of(a, proc, srv, st, name, cpu, late, base, scpu):
    return {"phase": name, "user": cpu, "sys": 0.0,
            "rss_kb": proc_hwm_kb(proc.pid), "span": st["span"],
            "ok": st["ok"], "nm": st["not_modified"],
            "http_err": st["errors"], "conns": st["conns_opened"],
            "srv_cpu": srv.cpu() - scpu, "late_ms": late["worst"],
            "probe": late, "probe_idle": base}


def rc_of(proc, complete, late):
    if proc.poll() is not None:
        return "exit %s" % proc.poll()
    if not complete:
        return "incomplete"
    if late["failed"]:
        return "%d probe(s) failed" % late["failed"]
    return 0


def rrdc_cpu(a):
    """The private rrdcached's CPU so far (--storage rrdcached), or None."""
    rrdc = getattr(a, "rrdc", None)
    return rrdc.cpu() if rrdc is not None else None


def rrdc_since(a, c0):
    c1 = rrdc_cpu(a)
    return None if c0 is None or c1 is None else c1 - c0


def new_data_cycle(a, srv, proc, port, data, n, rnd, k, prev):
    """One scheduled cycle after the round was advanced to rnd; prev is
    the server's figures of the cycle before."""
    before = journal_sizes(data)
    scpu = srv.cpu()
    rc0 = rrdc_cpu(a)
    srv.set_round(rnd)
    cyc = Cycle(a, proc, port, "%d-daemon-%d" % (n, k),
                prev["first"] + a.daemon_interval, a.probe_cost)
    st = wait_round(srv, n, a.daemon_interval + a.run_timeout, proc)
    done, grown = wait_journaled(data, before, n, a.run_timeout)
    cpu, late, _ = cyc.end(120, srv.stats()["first"])
    st = srv.stats()
    row = row_of(a, proc, srv, st, "daemon", cpu, late, cyc.base, scpu)
    row.update({"wall": (done - st["first"]) if done and st["first"]
                else float("nan"), "stored": grown, "expect": n,
                "rrdc_cpu": rrdc_since(a, rc0),
                "rc": rc_of(proc, done is not None, late)})
    return row, st


def all_304_cycle(a, srv, proc, port, data, n, rnd, prev):
    """One scheduled cycle with the round set again, not advanced."""
    before = journal_sizes(data)
    scpu = srv.cpu()
    rc0 = rrdc_cpu(a)
    srv.set_round(rnd)
    cyc = Cycle(a, proc, port, "%d-d-304-0" % n,
                prev["first"] + a.daemon_interval, a.probe_cost)
    st = wait_round(srv, n, a.daemon_interval + a.run_timeout, proc)
    cpu, late, _ = cyc.end(120, srv.stats()["first"])
    st = srv.stats()
    row = row_of(a, proc, srv, st, "d-304", cpu, late, cyc.base, scpu)
    row.update({"wall": st["span"] if st["span"] is not None
                else float("nan"),
                "stored": journals_grown(data, before), "expect": 0,
                "rrdc_cpu": rrdc_since(a, rc0),
                "rc": rc_of(proc, st["not_modified"] >= n, late)})
    return row, st


def warn_interval(a, row):
    """A cycle that took most of the interval leaves the next one no
    room to start after the round is set: say so."""
    if row["wall"] == row["wall"] and \
            row["wall"] + 3 > 0.8 * a.daemon_interval:
        log("  warning: the cycle took %.1f s of a %d s interval; raise "
            "--daemon-interval" % (row["wall"], a.daemon_interval))


def planwatch_daemon(a, srv, d, n, transfers, per_host, rnd, label,
                     storage=""):
    """`planwatch run`: its first cycle at round rnd, then
    a.daemon_cycles measured cycles, each with one new year per feed,
    then one all-304 cycle."""
    dconf = os.path.join(d, "daemon.yaml")
    port = free_port()
    planwatch_config(dconf, d, srv.port, n, transfers, per_host,
                     "interval: %ds, jitter: 0s" % a.daemon_interval,
                     listen="127.0.0.1:%d" % port, storage=storage)
    data = os.path.join(d, "data")
    srv.set_round(rnd)
    errp = os.path.join(d, "stderr-daemon.txt")
    rows = []
    old = sys.getswitchinterval()
    # the probe thread takes the GIL within 1 ms of its answer, not 5
    sys.setswitchinterval(0.001)
    with open(errp, "w") as err:
        proc = subprocess.Popen([a.binary, "-c", dconf, "run"],
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        prev = wait_round(srv, n, a.run_timeout, proc)
        wait_quiet(proc.pid, 1.5, 120)
        a.probe_cost = probe_cost(proc.pid, port)
        for k in range(a.daemon_cycles + 1):
            if k < a.daemon_cycles:
                row, prev = new_data_cycle(a, srv, proc, port, data, n,
                                           rnd + 1 + k, k, prev)
            else:
                row, prev = all_304_cycle(a, srv, proc, port, data, n,
                                          rnd + k, prev)
            row["tool"] = label
            rows.append(row)
            log_row(label, row)
            warn_interval(a, row)
            if proc.poll() is not None:
                break
    finally:
        sys.setswitchinterval(old)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(30)
    with open(errp, errors="replace") as f:
        lines = f.read().splitlines()
    if lines:
        log("  planwatch run: %d log line(s)%s" % (
            len(lines), "".join("\n    " + ln for ln in lines[:5])))
    return rows
