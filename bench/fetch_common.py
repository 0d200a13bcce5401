"""fetch_common: what bench/fetch and bench/fetch_daemon.py both use.

The feed server as a child process, /proc readings of a process (CPU,
peak RSS), bounded waits (a round answered, a process quiet), the
journals counted (observations, sizes) and planwatch's configuration,
written as a main file and included files small enough for planwatch's
4 MiB limit on one configuration file.
"""

import glob
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "feedserver.py")
PYTHON = "/usr/bin/python3"
CLK_TCK = os.sysconf("SC_CLK_TCK")
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
# Feeds per included configuration file: a collector and an indicator
# each, so 5,000 entries (about 1 MB); planwatch refuses a configuration
# file over 4 MiB, which the one file of 100,000 feeds (20 MB) was.
FEEDS_PER_FILE = 2500


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def log_row(label, row):
    late = row.get("late_ms")
    rrdc = row.get("rrdc_cpu")
    log("  %-22s %-6s wall %6.2f s  cpu %6.2f s  rss %7.1f MB  "
        "stored %d/%d  %s%sexit %s" % (
            label, row["phase"], row["wall"], row["user"] + row["sys"],
            row["rss_kb"] / 1024, row["stored"], row["expect"],
            "late %.1f ms  " % late if late is not None else "",
            "rrdcached %.2f s  " % rrdc if rrdc is not None else "",
            row["rc"]))


# ---------------------------------------------------------------- server

class Server:
    """bench/feedserver.py as a child process, and its admin paths."""

    def __init__(self, scratch, n, latency_ms, max_seconds):
        self.n = n
        port_file = os.path.join(scratch, "server.port")
        self.log_path = os.path.join(scratch, "server.log")
        self.logf = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [PYTHON, SERVER, "-n", str(n), "--latency-ms", str(latency_ms),
             "--port-file", port_file, "--max-seconds", str(max_seconds)],
            stdout=self.logf, stderr=subprocess.STDOUT)
        for _ in range(100):
            if os.path.exists(port_file) and \
                    open(port_file).read().endswith("\n"):
                break
            if self.proc.poll() is not None:
                raise RuntimeError("feed server exited; see " + self.log_path)
            time.sleep(0.05)
        else:
            raise RuntimeError("feed server did not start")
        self.port = int(open(port_file).read())

    def get(self, path, timeout=10):
        url = "http://127.0.0.1:%d%s" % (self.port, path)
        with OPENER.open(url, timeout=timeout) as r:
            return json.loads(r.read())

    def set_round(self, r):
        return self.get("/_round/%d" % r)

    def stats(self):
        return self.get("/_stats")

    def wait(self, k, timeout):
        return self.get("/_wait?n=%d&timeout=%g" % (k, timeout),
                        timeout=timeout + 10)

    def cpu(self):
        return proc_cpu(self.proc.pid)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.logf.close()


# ------------------------------------------------------------ processes

def proc_cpu(pid):
    """utime + stime of a process, in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_hwm_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def wait_round(srv, n, bound, proc, stall=30):
    """Waits until n feed requests were answered; gives up after bound
    seconds, or when none was answered for `stall` seconds (collectd out
    of file descriptors stops asking), or when the process ended."""
    deadline = time.monotonic() + bound
    last, since = -1, time.monotonic()
    while True:
        st = srv.wait(n, 2)
        if st["answered"] >= n or time.monotonic() > deadline or \
                proc.poll() is not None:
            return st
        if st["answered"] != last:
            last, since = st["answered"], time.monotonic()
        elif time.monotonic() - since > stall:
            return st


def wait_quiet(pid, quiet, bound, slack=0.0):
    """Waits until the process used at most `slack` seconds of CPU in the
    last `quiet` seconds (slack 0: none at all, to the clock tick; the
    lateness probe's answers cost the daemon a little, hence a slack
    while it runs).  False if that did not happen within bound."""
    deadline = time.monotonic() + bound
    samples = [(time.monotonic(), proc_cpu(pid))]
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now, cpu = time.monotonic(), proc_cpu(pid)
        samples.append((now, cpu))
        # keep the newest sample at or before the window's start
        while len(samples) > 1 and samples[1][0] <= now - quiet:
            samples.pop(0)
        t0, cpu0 = samples[0]
        if t0 <= now - quiet and cpu - cpu0 <= slack + 1e-9:
            return True
    return False


# ------------------------------------------------------------- journals

def journal_paths(data_dir):
    try:
        with os.scandir(data_dir) as it:
            return [e.path for e in it if e.name.endswith(".journal")]
    except FileNotFoundError:
        return []


def journal_observations(data_dir):
    """Observation records in data_dir's journals: the lines that are a
    record ({"period":...), not the header line ({"planwatch_journal":2})
    nor anything else.  Reads every journal: O(their bytes)."""
    total = 0
    for p in journal_paths(data_dir):
        with open(p, "rb") as f:
            data = f.read()
        total += data.count(b'\n{"period"') + data.startswith(b'{"period"')
    return total


def journal_sizes(data_dir):
    return {p: os.stat(p).st_size for p in journal_paths(data_dir)}


def journals_grown(data_dir, before):
    """How many journals are larger than in before (one stat each)."""
    return sum(1 for p, sz in journal_sizes(data_dir).items()
               if sz > before.get(p, 0))


# ---------------------------------------------------------- configuration

def planwatch_config(path, d, port, n, transfers, per_host, schedule,
                     listen="off", storage=""):
    """N collectors and N annual indicators without targets: the main file
    at path, and the feeds in included files of FEEDS_PER_FILE feeds
    (collector and indicator) each, in a folder named after path.  The
    schedule is the collectors' timing, e.g. "interval: 1d"."""
    base = os.path.splitext(os.path.basename(path))[0]
    feeds = os.path.join(os.path.dirname(path), base + "-feeds")
    os.makedirs(feeds, exist_ok=True)
    for p in glob.glob(os.path.join(feeds, "*.yaml")):
        os.unlink(p)
    with open(path, "w") as f:
        f.write("# generated by bench/fetch\n"
                "data_dir: %s/data\ngraph_dir: %s/graphs\n"
                "state_dir: %s/state\nlog_level: warn\nlocale: en\n"
                "graphs: false\nmax_transfers: %d\nmax_per_host: %d\n"
                "listen: \"%s\"\nsmtp:\n  transport: none\n"
                "include: %s-feeds/*.yaml\n%s"
                % (d, d, d, transfers, per_host, listen, base, storage))
    for lo in range(0, n, FEEDS_PER_FILE):
        hi = min(n, lo + FEEDS_PER_FILE)
        with open(os.path.join(feeds, "%06d.yaml" % lo), "w") as f:
            f.write("# generated by bench/fetch: feeds %d to %d\n"
                    "collectors:\n" % (lo, hi - 1))
            for i in range(lo, hi):
                f.write("  - {id: f%d, url: \"http://127.0.0.1:%d/feed/%d"
                        ".json\", format: json, %s, timeout: 30s}\n"
                        % (i, port, i, schedule))
            f.write("indicators:\n")
            for i in range(lo, hi):
                f.write("  - {id: f%d, name: feed %d, unit: u, frequency: "
                        "annual, collector: f%d, stale_after: 3650d, "
                        "selector: {observations: /data, period: /year, "
                        "value: /value}}\n" % (i, i, i))


class Rrdcached:
    """A private rrdcached for planwatch's archives (--storage rrdcached):
    on a unix socket in the scratch directory, based at data_dir, its
    journal in the scratch directory, updates held an hour (-w 3600: the
    archives are written at the flush, whose cost is measured apart)."""

    def __init__(self, d):
        self.dir = d
        self.sock = os.path.join(d, "rrdcached.sock")
        data = os.path.join(d, "data")
        jdir = os.path.join(d, "rrdcached-journal")
        os.makedirs(data, exist_ok=True)
        os.makedirs(jdir, exist_ok=True)
        self.logf = open(os.path.join(d, "rrdcached.log"), "w")
        self.proc = subprocess.Popen(
            ["rrdcached", "-g", "-l", "unix:" + self.sock, "-b", data, "-B",
             "-j", jdir, "-F", "-w", "3600", "-f", "7200", "-t", "2",
             "-p", os.path.join(d, "rrdcached.pid")],
            stdout=self.logf, stderr=subprocess.STDOUT)
        for _ in range(100):
            if os.path.exists(self.sock):
                break
            if self.proc.poll() is not None:
                raise RuntimeError("rrdcached exited; see %s" %
                                   self.logf.name)
            time.sleep(0.05)
        else:
            raise RuntimeError("rrdcached did not start")

    def storage_yaml(self):
        return "storage:\n  rrdcached: \"unix:%s\"\n" % self.sock

    def cpu(self):
        return proc_cpu(self.proc.pid)

    def command(self, line):
        """One command of rrdcached's protocol; its answer's lines."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as c:
            c.settimeout(30)
            c.connect(self.sock)
            c.sendall(line.encode() + b"\n")
            data = b""
            while True:
                chunk = c.recv(65536)
                if not chunk:
                    break
                data += chunk
                head = data.split(b"\n", 1)[0]
                n = int(head.split()[0]) if head.split() else 0
                if data.count(b"\n") >= 1 + max(n, 0):
                    break
        return data.decode(errors="replace").splitlines()

    def stats(self):
        out = {}
        for ln in self.command("STATS")[1:]:
            k, _, v = ln.partition(":")
            out[k.strip()] = int(v.strip() or 0)
        return out

    def flush(self, bound=600):
        """FLUSHALL, then waits until its queue is empty and it is quiet:
        its CPU for writing every update it held, the wall time, and the
        updates written."""
        c0, t0 = self.cpu(), time.monotonic()
        w0 = self.stats().get("UpdatesWritten", 0)
        self.command("FLUSHALL")
        deadline = t0 + bound
        while time.monotonic() < deadline:
            st = self.stats()
            if st.get("QueueLength", 1) == 0:
                break
            time.sleep(0.1)
        wait_quiet(self.proc.pid, 1.0, bound)
        return (self.cpu() - c0, time.monotonic() - t0,
                self.stats().get("UpdatesWritten", 0) - w0)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(120)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.logf.close()
