"""Text contrast of a loaded page, computed from its own colours: every
visible text node's colour against the background it is drawn on (the
backgrounds of its element and its ancestors composited, over white),
by WCAG 2.1's relative luminance.  AA asks 4.5:1, 3:1 for large text
(24 px, or 18.66 px bold).  Backgrounds drawn by images are not seen;
the pages draw none under text."""

# Runs in the page; returns the failures [text, colour, background,
# ratio, needed] (at most 20) and how many text nodes were measured.
CONTRAST_JS = r"""
function rgba(s) {
  const m = /rgba?\(([^)]+)\)/.exec(s);
  if (!m) return null;
  const p = m[1].split(',').map(parseFloat);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function lum(c) {
  const a = c.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
}
function ground(el) {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let out = [255, 255, 255];
  for (let i = layers.length - 1; i >= 0; i--) {
    const c = layers[i];
    out = out.map((v, k) => c[k] * c[3] + v * (1 - c[3]));
  }
  return out;
}
const bad = [];
let measured = 0;
const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (w.nextNode()) {
  const t = w.currentNode, el = t.parentElement;
  if (!t.nodeValue.trim() || !el) continue;
  const cs = getComputedStyle(el), r = el.getBoundingClientRect();
  if (cs.visibility === 'hidden' || r.width === 0 || r.height === 0)
    continue;
  const fg = rgba(cs.color), bg = ground(el);
  const f = fg.slice(0, 3).map((v, k) => v * fg[3] + bg[k] * (1 - fg[3]));
  const a = lum(f), b = lum(bg);
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight) >= 700;
  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  measured++;
  if (ratio < need && bad.length < 20)
    bad.push([t.nodeValue.trim().slice(0, 40), cs.color,
              'rgb(' + bg.map(Math.round).join(',') + ')',
              Math.round(ratio * 100) / 100, need]);
}
return [bad, measured];
"""


def check_contrast(script, s, url):
    """Fails (SystemExit) when a text of the page loaded in session s
    is below AA; returns how many text nodes were measured."""
    bad, measured = script(s, CONTRAST_JS)
    if measured == 0:
        raise SystemExit("browser: %s: no text measured for contrast" % url)
    if bad:
        raise SystemExit("browser: %s: text below WCAG AA contrast "
                         "[text, colour, background, ratio, needed]: %s"
                         % (url, bad))
    return measured
