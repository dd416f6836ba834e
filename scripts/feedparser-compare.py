#!/usr/bin/env python3
"""Compares what `selfbuy parse` reads in feedparser's test feeds with what feedparser itself reads.

feedparser's source distribution on PyPI carries its test suite: about 2,250 small feeds under tests/. This script
downloads that sdist, installs feedparser in a virtual environment beside it, serves tests/ on 127.0.0.1 with the HTTP
headers each file asks for in its `Header:` comments (as feedparser's own runtests.py does), reads every file with
feedparser and with `selfbuy parse URL --format jsonl`, and compares them entry by entry:

  count  the number of entries
  title  the entry title as plain text (feedparser's HTML titles rendered), white space folded
  link   the entry link
  date   published (else updated, else created), to the second, in UTC
  text   content (else summary) as plain text, white space folded

Only files where feedparser finds entries count. Differences that come from a deliberate choice of selfbuy or a
convention of feedparser are set aside by name (see JUSTIFIED below and README "Reading fidelity"); the table shows
the raw agreement and the agreement with those set aside.

    scripts/feedparser-compare.py .build/debug/selfbuy [--min-overall 97.0] [--diffs FIELD] [--work DIR]

Exit status: 0, or 1 when --min-overall is given and the overall agreement (justified differences set aside) is
below it, 2 when the set-up fails.
"""

import argparse
import concurrent.futures
import datetime
import html
import html.parser
import http.server
import json
import os
import re
import subprocess
import sys
import tarfile
import threading
import time
import venv

FEEDPARSER = "feedparser==6.0.14"
FIELDS = ["count", "title", "link", "date", "text"]


# ---------- set-up: sdist, virtual environment, re-run inside it ----------


def prepare(work):
    """Downloads the sdist, unpacks it and installs feedparser in a venv under `work`; returns (python, tests dir)."""
    os.makedirs(work, exist_ok=True)
    name = FEEDPARSER.replace("==", "-")
    tests = os.path.join(work, name, "tests")
    python = os.path.join(work, "venv", "bin", "python")
    sdist = os.path.join(work, name + ".tar.gz")
    if not os.path.exists(sdist):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", FEEDPARSER,
             "-d", work],
            check=True,
        )
    if not os.path.isdir(tests):
        with tarfile.open(sdist) as archive:
            archive.extractall(work, filter="data") if hasattr(tarfile, "data_filter") else archive.extractall(work)
    if not os.path.exists(python):
        venv.create(os.path.join(work, "venv"), with_pip=True)
    probe = subprocess.run([python, "-c", "import feedparser; print(feedparser.__version__)"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "--quiet", sdist], check=True)
    return python, tests


# ---------- serving the tests as feedparser's runtests.py does ----------

HEADER_LINE = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)


def serve(root):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root, **kwargs)

        def send_head(self):
            path = self.translate_path(self.path)
            if not os.path.isfile(path):
                self.send_error(404)
                return None
            with open(path, "rb") as handle:
                blob = handle.read()
            if "/compression/" in self.path:
                headers = {"Content-Encoding": "gzip" if self.path.endswith("gz") else "deflate",
                           "Content-type": "application/xml"}
            else:
                headers = {k.decode("utf-8"): v.decode("utf-8").strip() for k, v in HEADER_LINE.findall(blob)}
            headers = {("Content-type" if k.lower() == "content-type" else k): v for k, v in headers.items()}
            self.send_response(int(headers.pop("Status", 200)))
            self.send_header("Content-type", headers.pop("Content-type", self.guess_type(path)))
            self.send_header("Content-Length", str(len(blob)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            return open(path, "rb")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---------- plain text as selfbuy renders it ----------

DROPPED = {"script", "style", "noscript", "template", "iframe", "head", "title", "select", "option", "button", "svg",
           "object", "canvas", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = []

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED and tag not in VOID:
            self.skipping.append(tag)
        self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def fold(text):
    return " ".join((text or "").split())


def plain(value, kind):
    """A feedparser value as plain text: HTML rendered, white space folded."""
    if value is None:
        return ""
    if kind and "html" in kind:
        parser = TextOf()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    return fold(value)


def loose(text):
    """Text compared without the spaces that only separate tags (`<p>a</p><p>b</p>` is `a b` or `ab`)."""
    return "".join(text.split())


# ---------- reading one file both ways ----------


def feedparser_entries(url):
    import feedparser  # noqa: imported inside the venv only

    parsed = feedparser.parse(url)
    entries = []
    for entry in parsed.entries:
        title = plain(entry.get("title"), entry.get("title_detail", {}).get("type"))
        if entry.get("content"):
            body = entry.content[0]
            text = plain(body.get("value"), body.get("type"))
        else:
            detail = entry.get("summary_detail") or {}
            text = plain(entry.get("summary"), detail.get("type", "text/html"))
        stamp = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
        raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
        entries.append({
            "title": title or None,
            "link": entry.get("link") or None,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S", stamp) if stamp else None,
            "raw_date": raw_date,
            "text": text,
        })
    return entries, parsed


def selfbuy_entries(binary, url):
    run = subprocess.run([binary, "parse", url, "--format", "jsonl"], capture_output=True, timeout=60)
    entries = []
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        published = item.get("published")
        date = None
        if published:
            moment = datetime.datetime.fromisoformat(published)
            date = moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
        entries.append({
            "title": fold(item.get("title")) or None,
            "link": item.get("link") or None,
            "date": date,
            "offset": published[19:] if published else None,
            "text": fold(item.get("text")),
        })
    return entries, run.returncode, run.stderr.decode("utf-8", "replace").strip()


# ---------- justified differences ----------
#
# Each is a deliberate choice of selfbuy or a convention of feedparser, listed with its reason in README ("Reading
# fidelity"). A difference is set aside only when the file and both readings show that it is of the kind named.

ZONE = re.compile(r"(Z|[+-]\d\d:?\d\d|\b(UT|UTC|GMT|[ECMP][SD]T|[A-Z]{3,4})\b)\s*$", re.IGNORECASE)
UNRENDERED = re.compile(
    rb"(<|&lt;)(script|style|title|iframe|object|applet|noscript|frame|textarea)\b|(<|&lt;)!\[cdata\[(<|&lt;)!|&lt;!'")
DECLARED = re.compile(rb"<\?xml[^>]*encoding=|^header:\s*content-type:.*charset=", re.MULTILINE)
DECLARED_UTF8 = re.compile(rb"<\?xml[^>]*encoding=.utf-?8")
# One-off files whose difference is of a named kind the file's own comment describes.
KNOWN = {
    "tests/wellformed/rss/item_category_image.xml": "a <title> inside <category><image> is not the item's title",
}
REPEATED = "several elements for one field: selfbuy keeps the first, feedparser the last"
REPEATED_FILES = {
    "tests/wellformed/atom/entry_created_multiple_values.xml",
    "tests/wellformed/atom/entry_updated_multiple_values.xml",
    "tests/wellformed/atom/entry_published_parsed_date_overwriting.xml",
    "tests/wellformed/rss/item_description_and_summary.xml",
    "tests/wellformed/rss/item_summary_and_description.xml",
}


def hours_apart(a, b):
    first = datetime.datetime.fromisoformat(a)
    second = datetime.datetime.fromisoformat(b)
    return (first - second).total_seconds() / 3600


def subsequence(short, long):
    """Whether `short` is `long` with characters left out (selfbuy dropped text, added none)."""
    letters = iter(long)
    return all(char in letters for char in short)


def is_valid_utf8(blob):
    try:
        blob.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def justify_count(path, blob, ours, theirs, stderr):
    lower = blob.lower()
    if b"<CHANNEL" in blob:
        return "CDF (Microsoft's Channel Definition Format of 1997) is not read: a named error"
    if b"<feed" in lower and b"<item>" in lower and b"<entry" not in lower:
        return "<item> elements inside an Atom <feed> are not Atom entries (feedparser reads them)"
    if "recovered from broken markup" in stderr and len(ours) < len(theirs):
        return "an item cut off by a truncated document is dropped, not reported half-read"
    return None


def justify(field, ours, theirs, path, blob):
    """The name of the justified difference this is, or None for a difference that counts against selfbuy."""
    lower = blob.lower()
    if path in KNOWN:
        return KNOWN[path]
    if path in REPEATED_FILES:
        return REPEATED
    if field == "date" and ours["date"] and theirs["date"]:
        raw = (theirs.get("raw_date") or "").strip()
        apart = hours_apart(theirs["date"], ours["date"])
        if apart == 8 and ours["offset"] == "+08:00" and not ZONE.search(raw):
            return "a date with no zone is China time"
        if apart == 14 and re.search(r"\bCST\b", raw):
            return "CST is China Standard Time"
    if field == "link":
        if re.search(rb"^header:\s*content-location:", lower, re.MULTILINE):
            return "the Content-Location header is no base URI (RFC 7231)"
        if ours["link"] and not theirs["link"] and b"rdf:about" in lower:
            return "an RDF item with no <link> has its rdf:about as link"
        if not ours["link"] and theirs["link"] and b"<id" in lower:
            return "an Atom id is the entry's link only when it is an absolute http(s) URL"
    if field in ("title", "text"):
        mine, feedparsers = ours[field] or "", theirs[field] or ""
        if not mine and feedparsers and re.search(rb"<(media|itunes):", blob):
            return "extension elements (media:, itunes:) never stand for the entry's own title or text"
        if UNRENDERED.search(lower) and subsequence(loose(mine), loose(feedparsers)):
            return "HTML rendered as browsers do: text inside script, style, title, iframe, object… dropped"
        if not is_valid_utf8(blob) and (not DECLARED.search(lower) or DECLARED_UTF8.search(lower)):
            return "non-UTF-8 bytes with no label, or labelled UTF-8, are read as GB18030 (feedparser: windows-1252)"
        if re.search("[\u0080-\u009f]|â€", mine):
            return "mis-encoded text left as written (feedparser repairs doubly encoded UTF-8 and C1 characters)"
    return None


# ---------- comparison ----------


def equal(field, ours, theirs):
    if field == "text" or field == "title":
        return (ours[field] or "") == (theirs[field] or "") or loose(ours[field] or "") == loose(theirs[field] or "")
    return ours[field] == theirs[field]


def compare(path, blob, ours, theirs, status, stderr):
    """Per field: "agree", ("justified", name) or ("differ", detail)."""
    result = {}
    if len(ours) == len(theirs):
        result["count"] = "agree"
    else:
        name = justify_count(path, blob, ours, theirs, stderr)
        result["count"] = ("justified", name) if name else ("differ", f"{len(ours)} vs {len(theirs)} ({stderr})")
    for field in FIELDS[1:]:
        if not ours:
            name = result["count"][1] if result["count"][0] == "justified" else None
            result[field] = ("justified", name) if name else ("differ", f"no entries, exit {status}: {stderr}")
            continue
        outcome = "agree"
        for mine, feedparsers in zip(ours, theirs):
            if equal(field, mine, feedparsers):
                continue
            name = justify(field, mine, feedparsers, path, blob)
            if name and outcome == "agree":
                outcome = ("justified", name)
            elif not name:
                outcome = ("differ", f"{mine.get(field)!r} vs {feedparsers.get(field)!r}")
                break
        result[field] = outcome
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="the built selfbuy executable")
    parser.add_argument("--work", default=os.path.join(os.getcwd(), ".build-feedparser"),
                        help="folder for the sdist and the venv (default .build-feedparser)")
    parser.add_argument("--min-overall", type=float, help="fail below this overall agreement, in percent")
    parser.add_argument("--diffs", action="append", default=[], help="list the differences of this field")
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    if not os.access(binary, os.X_OK):
        print(f"feedparser-compare: {binary} is not an executable", file=sys.stderr)
        return 2

    if not options.inside:
        try:
            python, _ = prepare(os.path.abspath(options.work))
        except (subprocess.CalledProcessError, OSError) as error:
            print(f"feedparser-compare: set-up failed: {error}", file=sys.stderr)
            return 2
        arguments = [python, os.path.abspath(__file__), "--inside"] + sys.argv[1:]
        return subprocess.run(arguments).returncode

    work = os.path.abspath(options.work)
    root = os.path.join(work, FEEDPARSER.replace("==", "-"))
    server = serve(root)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    paths = sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(os.path.join(root, "tests"))
        for name in names
        if not name.endswith(".py")
    )

    def read(path):
        url = base + path
        theirs, _ = feedparser_entries(url)
        if not theirs:
            return path, None
        ours, status, stderr = selfbuy_entries(binary, url)
        with open(os.path.join(root, path), "rb") as handle:
            blob = handle.read()
        return path, compare(path, blob, ours, theirs, status, stderr)

    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        results = [r for r in pool.map(read, paths) if r[1] is not None]
    server.shutdown()

    files = len(results)
    print(f"{len(paths)} test files, feedparser finds entries in {files}\n")
    print(f"{'field':<8} {'agree':>7} {'justified':>10} {'differ':>7} {'raw %':>7} {'set-aside %':>12}")
    justified_names = {}
    for field in FIELDS + ["overall"]:
        agree = justified = 0
        for path, result in results:
            outcomes = FIELDS if field == "overall" else [field]
            states = [result[f] if result[f] == "agree" else result[f][0] for f in outcomes]
            if all(s == "agree" for s in states):
                agree += 1
            elif all(s in ("agree", "justified") for s in states):
                justified += 1
            if field != "overall":
                if isinstance(result[field], tuple) and result[field][0] == "justified":
                    justified_names.setdefault(result[field][1], set()).add(path)
        differ = files - agree - justified
        print(f"{field:<8} {agree:>7} {justified:>10} {differ:>7} {100 * agree / files:>7.1f}"
              f" {100 * (agree + justified) / files:>12.1f}")
        if field == "overall":
            overall = 100 * (agree + justified) / files
    print("\njustified differences set aside (files):")
    for name, paths_set in sorted(justified_names.items()):
        print(f"  {len(paths_set):>4}  {name}")
    for field in options.diffs:
        print(f"\ndifferences in {field}:")
        for path, result in results:
            if isinstance(result[field], tuple) and result[field][0] == "differ":
                print(f"  {path}: {result[field][1][:300]}")
    if options.min_overall is not None and overall < options.min_overall:
        print(f"\nfeedparser-compare: overall agreement {overall:.1f} % is below {options.min_overall} %",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
