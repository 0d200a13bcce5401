#!/usr/bin/python3
"""Browser test of the dashboard: Debian's headless Chromium, driven
through chromedriver's WebDriver HTTP API (standard library only), loads
the pages a running `planwatch run` serves for the shipped plan.

Checks: every indicator of the configuration is linked from the
dashboard, every indicator page's chart image loaded (naturalWidth > 0);
every chart on the dashboard (the sparklines) and each indicator's plan
chart is an SVG (its src /graph/<id>.svg, with ?view=spark for the
sparkline), served as image/svg+xml, whose <svg> opens with a non-empty
<title> then a <desc> (read by screen readers: the chart's words); only
the history view, librrd's long-archive chart, stays a PNG; every <img>
has a non-empty alt.  The wall screen (/wall) in a 1920x1080 viewport:
no vertical and no horizontal overflow, and every target of the
configuration on it, inside the viewport; at 1280 and 390 px no
horizontal overflow.  Screenshots (test artefacts to look at): the
dashboard and indicator pages as before, the dashboard and the indicator
page of WIDE_PAGE (whole pages) at each of WIDTHS px, the first bureau's
page (linked from the dashboard, fewer rows than the plan), and the wall
(wall-1920.png as the room sees it, wall-1280.png and wall-390.png
whole); at 390, 1280 and 1920 px neither the dashboard, the bureau's
page nor the indicator page overflows sideways.  Text contrast computed
from each page's own colours (contrast.py: every visible text node
against its composited background) passes WCAG AA on the dashboard, the
bureau's page, the indicator page (at 1280 px) and the wall.
The language switch: followed from
the dashboard and from an indicator's page, it leads to the English
page, where no indicator name, unit, chapter, bureau or the plan's name
holds a Chinese character; the English dashboard and indicator page do
not overflow sideways at 390, 1280 or 1920 px (dashboard-en-<w>.png,
indicator-en-<w>.png); the English wall (/wall?lang=en) shows every
target on one 1920x1080 screen too (wall-en-1920.png).

Usage: dashboard.py PLANWATCH ETC_DIR SCREENSHOT_DIR
Everything runs on 127.0.0.1 and is stopped at the end.
"""
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

from contrast import check_contrast

HERE = os.path.dirname(os.path.abspath(__file__))

# --disable-dev-shm-usage: containers and chroots often have no /dev/shm.
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", "--no-zygote",
               "--disable-quic", "--no-first-run",
               "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               "--window-size=1200,1600"]

# The widths the pages are shot at: a phone, a laptop, a desktop.
WIDTHS = (390, 1280, 1920)
# The indicator page shot at those widths: a rank (inverted axis, integer
# ticks), else the first indicator.
WIDE_PAGE = "gdp_rank_province"
MAX_SHOT_HEIGHT = 30000
SVG_NS = "{http://www.w3.org/2000/svg}"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def http(method, url, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raise SystemExit("browser: %s %s: %s %s" % (
            method, url, e.code, e.read()[:2000].decode(errors="replace")))


def wait_for(what, fn, seconds):
    end = time.time() + seconds
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.2)
    raise SystemExit("browser: timed out waiting for " + what)


def start_planwatch(binary, etc, work):
    shutil.copytree(etc, os.path.join(work, "etc"))
    # One test indicator with a target still ahead, for the projection.
    shutil.copy(os.path.join(HERE, "vision.yaml"),
                os.path.join(work, "etc", "conf.d", "99-test-vision.yaml"))
    shutil.copy(os.path.join(HERE, "vision.json"),
                os.path.join(work, "etc", "feeds", "test-vision.json"))
    conf = os.path.join(work, "etc", "planwatch.yaml")
    with open(conf, "a") as f:
        f.write('\nlisten: "127.0.0.1:0"\ngroup_wait: 1s\n')
    log = open(os.path.join(work, "planwatch.log"), "w")
    proc = subprocess.Popen([binary, "-c", conf, "run"], stderr=log)

    def port():
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)",
                      open(log.name).read())
        return int(m.group(1)) if m else None
    return proc, wait_for("planwatch's port", port, 30), conf


def indicator_ids(base):
    doc = http("GET", base + "/api/v1/indicators")
    return [i["id"] for i in doc["indicators"]], doc


def main():
    binary, etc, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
    work = tempfile.mkdtemp(prefix="planwatch-browser.")
    procs = []
    try:
        pw, port, _ = start_planwatch(binary, etc, work)
        procs.append(pw)
        base = "http://127.0.0.1:%d" % port
        ids, _ = indicator_ids(base)
        # Every indicator stored and drawn before the browser looks.
        wait_for("every indicator's data", lambda: all(
            i["observations"] > 0 for i in indicator_ids(base)[1]
            ["indicators"]), 240)
        # The sparkline is the last of an indicator's views drawn.
        wait_for("every chart", lambda: all(os.path.exists(os.path.join(
            work, "var", "graphs", i + ".spark.png")) for i in ids), 240)

        dport = free_port()
        driver = subprocess.Popen(["/usr/bin/chromedriver",
                                   "--port=%d" % dport],
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        procs.append(driver)
        wd = "http://127.0.0.1:%d" % dport
        wait_for("chromedriver", lambda: _ready(wd), 30)
        sess = new_session(wd)
        s = wd + "/session/" + sess
        try:
            check_pages(s, base, ids, outdir)
            check_wall(s, base, outdir)
            check_wall(s, base, outdir, "en")
            check_language(s, base, ids, outdir)
        finally:
            http("DELETE", s)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


SKIP = 77  # ctest's SKIP_RETURN_CODE for this test


def new_session(wd):
    """A Chromium session; a machine where Chromium cannot start at all
    (some chroots lack what its renderer needs) skips the test, loudly,
    rather than failing it or passing it."""
    try:
        return http("POST", wd + "/session", {"capabilities": {
            "alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": CHROME_ARGS}}}})["value"]["sessionId"]
    except SystemExit as e:
        if "session not created" in str(e):
            print("browser: SKIPPED: Chromium cannot start here: %s"
                  % str(e)[:300])
            raise SystemExit(SKIP)
        raise


def _ready(wd):
    try:
        return http("GET", wd + "/status", timeout=2)["value"]["ready"]
    except OSError:
        return False


def script(s, code):
    return http("POST", s + "/execute/sync",
                {"script": code, "args": []})["value"]


# Each image of the page: [src, its loaded width or 0, alt or null].
IMAGES = ("return [...document.images].map(i => [i.getAttribute('src'), "
          "i.complete ? i.naturalWidth : 0, i.getAttribute('alt')]);")


def fetch_svg(url):
    """The SVG document at url, checked: served as image/svg+xml, an
    <svg> whose first child is a non-empty <title> and whose second is a
    non-empty <desc> (what role="img" names and describes it by).
    Returns the title."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            kind, body = r.headers.get_content_type(), r.read()
    except OSError as e:
        raise SystemExit("browser: %s: %s" % (url, e))
    if kind != "image/svg+xml":
        raise SystemExit("browser: %s is %s, not image/svg+xml"
                         % (url, kind))
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        raise SystemExit("browser: %s does not parse as XML: %s"
                         % (url, e))
    kids = list(root)
    words = ["".join(k.itertext()).strip() for k in kids[:2]]
    if root.tag != SVG_NS + "svg":
        raise SystemExit("browser: %s is <%s>, not an SVG" % (url, root.tag))
    if not kids or kids[0].tag != SVG_NS + "title" or not words[0]:
        raise SystemExit("browser: %s: the <svg>'s first child is %s, not "
                         "a <title> with words" % (
                             url, kids[0].tag if kids else "nothing"))
    if len(kids) < 2 or kids[1].tag != SVG_NS + "desc" or not words[1]:
        raise SystemExit("browser: %s: no <desc> with words after the "
                         "<title>" % url)
    return words[0]


def check_images(page, imgs, svgs, history=None):
    """Checks the images [src, width, alt] of the page at URL page: each
    loaded and with words in its alt; each but the history view (src
    history, librrd's PNG) an SVG whose document fetch_svg accepts, kept
    in svgs (URL: title) so that each is fetched once."""
    for src, width, alt in imgs:
        if not (alt or "").strip():
            raise SystemExit("browser: %s: <img src=%r> has no alt"
                             % (page, src))
        if not width:
            raise SystemExit("browser: %s: %s did not load" % (page, src))
        if src == history:
            continue
        if not urllib.parse.urlsplit(src).path.endswith(".svg"):
            raise SystemExit("browser: %s: the chart %s is not an SVG"
                             % (page, src))
        url = urllib.parse.urljoin(page, src)
        if url not in svgs:
            svgs[url] = fetch_svg(url)


def shoot_whole(s, url, width, out):
    """The whole page at url in a window width px wide, saved as out;
    returns [the viewport's width, the page's width]."""
    http("POST", s + "/window/rect", {"width": width, "height": 900})
    http("POST", s + "/url", {"url": url})
    # Headless Chromium's scrollbar would take 15 px of the width.
    script(s, "const st = document.createElement('style');"
              "st.textContent = 'html{scrollbar-width:none}';"
              "document.head.appendChild(st);")
    size = script(s, "const d = document.documentElement; return "
                     "[d.clientWidth, d.scrollWidth, d.scrollHeight, "
                     "window.outerHeight - window.innerHeight];")
    http("POST", s + "/window/rect", {"width": width, "height": min(
        MAX_SHOT_HEIGHT, max(900, size[2] + size[3]))})
    shot = http("GET", s + "/screenshot")["value"]
    with open(out, "wb") as f:
        f.write(base64.b64decode(shot))
    return size[:2]


def check_pages(s, base, ids, outdir):
    svgs = {}
    http("POST", s + "/url", {"url": base + "/"})
    links = script(s, "return [...document.querySelectorAll('a')]"
                      ".map(a => a.getAttribute('href'));")
    missing = [i for i in ids if "/indicator/" + i not in links]
    if missing:
        raise SystemExit("browser: not on the dashboard: %s" % missing)
    sparks = script(s, IMAGES)
    broken = [src for src, w, _ in sparks if not w]
    if len(sparks) < len(ids) or broken:
        raise SystemExit("browser: %d sparklines for %d indicators, not "
                         "loaded: %s" % (len(sparks), len(ids), broken))
    check_images(base + "/", sparks, svgs)
    # Shown at their size (160 x 40), not squeezed by the table: the
    # latest point and the target band stay visible.
    shown = script(s, "return [...document.querySelectorAll('img.spark')]"
                      ".map(i => [i.getAttribute('src'), i.width, "
                      "i.height]);")
    squeezed = [x for x in shown if x[1:] != [160, 40]]
    if len(shown) != len(sparks) or squeezed:
        raise SystemExit("browser: of %d sparklines (%d images), shown at "
                         "other than 160 x 40: %s" % (
                             len(shown), len(sparks), squeezed[:5]))
    shot = http("GET", s + "/screenshot")["value"]
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "dashboard.png"), "wb") as f:
        f.write(base64.b64decode(shot))
    for i in ids:
        page = base + "/indicator/" + i
        http("POST", s + "/url", {"url": page})
        imgs = script(s, IMAGES)
        widths = [w for _, w, _ in imgs]
        if len(widths) != 2 or not all(widths):
            raise SystemExit("browser: the plan and history charts of %s "
                             "did not load: %s" % (i, widths))
        plan, history = "/graph/%s.svg" % i, "/graph/%s.png?view=history" % i
        if sorted(src for src, _, _ in imgs) != sorted([plan, history]):
            raise SystemExit("browser: %s shows %s, not its plan chart %s "
                             "and its history %s" % (
                                 page, [src for src, _, _ in imgs], plan,
                                 history))
        check_images(page, imgs, svgs, history)
    # The page kept as the artefact: the first indicator with a reach
    # target, whose charts have a planned path, a target and a deadline.
    doc = indicator_ids(base)[1]
    reach = [i["id"] for i in doc["indicators"]
             if any(t["kind"] == "reach" for t in i["targets"])]
    http("POST", s + "/url", {"url": base + "/indicator/" +
                              (reach[0] if reach else ids[0])})
    shot = http("GET", s + "/screenshot")["value"]
    with open(os.path.join(outdir, "indicator.png"), "wb") as f:
        f.write(base64.b64decode(shot))
    # The test indicator's deadline is ahead: its chart has a projection.
    http("POST", s + "/url", {"url": base + "/indicator/test_vision"})
    shot = http("GET", s + "/screenshot")["value"]
    with open(os.path.join(outdir, "indicator-projection.png"), "wb") as f:
        f.write(base64.b64decode(shot))
    # The whole dashboard and one indicator page at a phone's, a laptop's
    # and a desktop's width, to look at.
    wide = WIDE_PAGE if WIDE_PAGE in ids else ids[0]
    bureau = bureau_page(s, base)
    shots, measured = [], []
    for width in WIDTHS:
        for name, url in (("dashboard", base + "/"),
                          ("bureau", bureau),
                          (wide, base + "/indicator/" + wide)):
            out = "%s-%d.png" % (name, width)
            view, page = shoot_whole(s, url, width, os.path.join(outdir,
                                                                 out))
            shots.append("%s (viewport %d px, page %d px)" % (out, view,
                                                               page))
            # Nothing to scroll sideways at any width: on a phone the
            # rows are cards and the charts shrink to the column.
            if page > view:
                raise SystemExit("browser: %s at %d px is %d px wide: it "
                                 "overflows" % (url, view, page))
            # Every text against its own background, as drawn.
            if width == 1280:
                measured.append(check_contrast(script, s, url))
    print("browser: %d indicators linked, %d sparklines and %d charts "
          "loaded; %d SVGs titled (e.g. %r); AA contrast of %s text nodes "
          "(dashboard, bureau, indicator page); no page wider than its "
          "viewport; screenshots in %s: %s"
          % (len(ids), len(sparks), 2 * len(ids), len(svgs),
             next(iter(svgs.values())), measured, outdir, ", ".join(shots)))

def counted(s):
    """The numbers of the page's status counts, before the overdue
    ones counted apart ("（其中数据逾期 3）")."""
    text = script(s, "const p = document.querySelector('p.counts'); "
                     "return p ? p.textContent : null;")
    if text is None:
        raise SystemExit("browser: no status counts on the page")
    text = re.split(r"（其中|\(of which", text)[0]
    return [int(n) for n in re.findall(r"\d+", text)]


def bureau_page(s, base):
    """The first bureau's page, by its link on the dashboard (no page is
    found only by typing its URL); checked to count fewer targets than the
    whole plan and to link back to it."""
    http("POST", s + "/url", {"url": base + "/"})
    hrefs = script(s, "return [...document.querySelectorAll('a')]"
                      ".map(a => a.getAttribute('href'));")
    owners = [h for h in hrefs if h.startswith("/?owner=")]
    if not owners:
        raise SystemExit("browser: no bureau linked from the dashboard")
    rows = "return document.querySelectorAll('table.targets tr').length;"
    whole, whole_counts = script(s, rows), counted(s)
    url = base + owners[0]
    http("POST", s + "/url", {"url": url})
    shown = script(s, rows)
    if shown >= whole:
        raise SystemExit("browser: %s shows as many rows as the plan" % url)
    # The counts follow the filter: they add up to the rows shown (less
    # the heading row), as the plan's add up to the plan's.
    for page, n, counts in ((base + "/", whole, whole_counts),
                            (url, shown, counted(s))):
        if sum(counts) != n - 1:
            raise SystemExit("browser: %s counts %s (%d) for %d targets "
                             "shown" % (page, counts, sum(counts), n - 1))
    if "/" not in script(s, "return [...document.querySelectorAll("
                            "'.scope a')].map(a => a.getAttribute('href'));"):
        raise SystemExit("browser: %s has no link back to the plan" % url)
    return url


# The wall's target items: [data-target, inside the viewport].
WALL_ITEMS = ("return [...document.querySelectorAll('[data-target]')]"
              ".map(e => { const r = e.getBoundingClientRect(); return "
              "[e.getAttribute('data-target'), r.top >= 0 && r.left >= 0 "
              "&& r.bottom <= innerHeight && r.right <= innerWidth]; });")
WALL_SIZE = ("const d = document.documentElement; return [d.scrollWidth, "
             "d.scrollHeight, innerWidth, innerHeight];")


def settled_inner(s):
    """The viewport's size once a resize has reached the page: a loaded
    machine applies a window's new size a moment after /window/rect
    answers, so read until two reads agree (at most ~5 s)."""
    inner = script(s, "return [innerWidth, innerHeight];")
    for _ in range(50):
        time.sleep(0.1)
        again = script(s, "return [innerWidth, innerHeight];")
        if again == inner:
            return inner
        inner = again
    return inner


def set_viewport(s, width, height):
    """Sizes the window so that its viewport is width x height: the
    window's frame is measured and added, and again if the first try
    was read before the resize had settled."""
    http("POST", s + "/window/rect", {"width": width, "height": height})
    for _ in range(5):
        inner = settled_inner(s)
        if inner == [width, height]:
            return
        rect = http("GET", s + "/window/rect")["value"]
        http("POST", s + "/window/rect",
             {"width": rect["width"] + width - inner[0],
              "height": rect["height"] + height - inner[1]})
    inner = settled_inner(s)
    if inner != [width, height]:
        raise SystemExit("browser: viewport %s, not %dx%d" % (
            inner, width, height))


def check_wall(s, base, outdir, lang=None):
    """The wall screen: one 1920x1080 screen with every target; lang:
    in that language (?lang=), its screenshots wall-<lang>-<w>.png."""
    doc = indicator_ids(base)[1]
    want = sorted("%s/%s" % (i["id"], t["id"]) for i in doc["indicators"]
                  for t in i["targets"])
    wall = base + "/wall" + ("?lang=" + lang if lang else "")
    name = "wall-" + lang if lang else "wall"
    http("POST", s + "/url", {"url": wall})
    set_viewport(s, 1920, 1080)
    sw, sh, iw, ih = script(s, WALL_SIZE)
    if sh > ih or sw > iw:
        raise SystemExit("browser: the wall at %dx%d overflows: page %dx%d"
                         % (iw, ih, sw, sh))
    items = script(s, WALL_ITEMS)
    got = sorted(t for t, _ in items)
    outside = [t for t, inside in items if not inside]
    if got != want or outside:
        raise SystemExit("browser: the wall shows %d targets of %d "
                         "(missing %s, twice %s), outside the screen: %s" % (
                             len(got), len(want), sorted(set(want) -
                                                         set(got)),
                             sorted(t for t in set(got)
                                    if got.count(t) > 1), outside))
    with open(os.path.join(outdir, name + "-1920.png"), "wb") as f:
        f.write(base64.b64decode(http("GET", s + "/screenshot")["value"]))
    wall_text = check_contrast(script, s, wall)
    for width in (1280, 390):
        view, page = shoot_whole(s, wall, width, os.path.join(
            outdir, "%s-%d.png" % (name, width)))
        if page > view:
            raise SystemExit("browser: the wall at %d px is %d px wide"
                             % (view, page))
    print("browser: the wall (%s) shows all %d targets on one %dx%d "
          "screen, %d text nodes at AA contrast" % (
              lang or "the configuration's language", len(want), iw, ih,
              wall_text))


# Ideographs and CJK punctuation, full-width forms.
CJK = re.compile("[\u3000-\u9fff\uff00-\uffef]")

# The texts of the names on a dashboard page: indicators (their links),
# chapters and bureaus (theirs), the latest values with their units and
# the plan's name under the heading.
DASHBOARD_NAMES = (
    "const t = s => [...document.querySelectorAll(s)].map(e => "
    "e.textContent); return {indicator: t('a[href^=\"/indicator/\"]'), "
    "chapter: t('a[href^=\"/?group=\"]'), "
    "bureau: t('a[href^=\"/?owner=\"]'), "
    "unit: t('table.targets td:nth-child(4)'), "
    "plan: t('h1 + p.x'), alt: [...document.images].map(i => i.alt)};")
# On an indicator's page: its heading, what it is (unit, chapter, bureau)
# and the values of its periods with their unit.
INDICATOR_NAMES = (
    "const t = s => [...document.querySelectorAll(s)].map(e => "
    "e.textContent); const about = ['Definition', 'Unit', 'Chapter', "
    "'Responsible bureau', 'Method']; return {name: t('h1').concat("
    "[document.title]), meta: [...document.querySelectorAll('dl.meta dt')]"
    ".filter(d => about.includes(d.textContent)).map(d => "
    "d.nextElementSibling.textContent), periods: t('td'), "
    "alt: [...document.images].map(i => i.alt)};")


def follow_switch(s, url):
    """Opens url, follows its language link; returns where it led."""
    http("POST", s + "/url", {"url": url})
    links = script(s, "return [...document.querySelectorAll("
                      "'p.lang a[hreflang]')].map(a => a.href);")
    if len(links) != 1:
        raise SystemExit("browser: %s has %d language links" % (url,
                                                                len(links)))
    http("POST", s + "/url", {"url": links[0]})
    lang = script(s, "return document.documentElement.lang;")
    if lang != "en" or "lang=en" not in links[0]:
        raise SystemExit("browser: the switch of %s led to %s (lang %r)"
                         % (url, links[0], lang))
    return links[0]


def no_cjk(where, texts):
    bad = {k: [t for t in v if CJK.search(t)] for k, v in texts.items()}
    bad = {k: v for k, v in bad.items() if v}
    if bad:
        raise SystemExit("browser: Chinese left on %s: %s" % (where, bad))


def check_language(s, base, ids, outdir):
    """The switch to English, from the dashboard and an indicator page:
    every name there in English, nothing wider than the screen."""
    dash = follow_switch(s, base + "/")
    names = script(s, DASHBOARD_NAMES)
    if len(names["indicator"]) < len(ids) or not names["plan"]:
        raise SystemExit("browser: the English dashboard names %d "
                         "indicators of %d, plan %r" % (
                             len(names["indicator"]), len(ids),
                             names["plan"]))
    no_cjk(dash, names)
    # Every link keeps the language.
    lost = script(s, "return [...document.querySelectorAll("
                     "'a:not([hreflang])')].map(a => "
                     "a.getAttribute('href')).filter(h => h.startsWith('/')"
                     " && !h.includes('lang=en'));")
    if lost:
        raise SystemExit("browser: links of %s without the language: %s"
                         % (dash, lost[:5]))
    wide = WIDE_PAGE if WIDE_PAGE in ids else ids[0]
    pages = [dash]
    for i in ids:
        page = follow_switch(s, base + "/indicator/" + i)
        no_cjk(page, script(s, INDICATOR_NAMES))
        if i == wide:
            pages.append(page)
    shots = []
    for width in WIDTHS:
        for name, url in zip(("dashboard-en", "indicator-en"), pages):
            out = "%s-%d.png" % (name, width)
            view, page = shoot_whole(s, url, width, os.path.join(outdir,
                                                                 out))
            shots.append("%s (viewport %d px, page %d px)" % (out, view,
                                                               page))
            if page > view:
                raise SystemExit("browser: %s at %d px is %d px wide: it "
                                 "overflows" % (url, view, page))
            if width == 1280:
                check_contrast(script, s, url)
    print("browser: the language switch leads to English pages naming all "
          "%d indicators, their units, chapters, bureaus and the plan in "
          "English; %s" % (len(ids), ", ".join(shots)))


if __name__ == "__main__":
    main()
