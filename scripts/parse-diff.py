#!/usr/bin/env python3
"""Differential check of the reading stage: two selfbuy binaries read the same documents and must say exactly the same.

    scripts/parse-diff.py OLD_SELFBUY NEW_SELFBUY [--corpus DIR]... [--feedparser-tests DIR] [--jobs N]

Every document goes through `selfbuy parse SOURCE --format jsonl` of both binaries, whose stdout (every item's title,
link, date, text and guid), stderr (recovery, charset and replacement warnings) and exit status must be byte-identical:

- every file under each --corpus DIR (default: /tmp/pbp/corpus, the archive `selfbuy-bench pipeline --keep
  /tmp/pbp/corpus` writes, when it exists);
- every file under Tests/*/Fixtures;
- feedparser's 2,248 test feeds (the sdist scripts/feedparser-compare.py uses; downloaded into .build-feedparser when
  no --feedparser-tests DIR is given), read from the file and over HTTP with the headers each file asks for in its
  `Header:` comments, as the feedparser comparison in .ci/run serves them;
- the fixtures and feedparser's feeds once more with `--encoding gb18030`, which sends every byte through the
  GB18030 decoder, faults included.

Prints the number of documents compared and each difference; exits 1 when there is any.
"""

import argparse
import concurrent.futures
import glob
import importlib.util
import os
import subprocess
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def compare_script():
    """scripts/feedparser-compare.py as a module: its sdist set-up and its HTTP server are reused as they are."""
    spec = importlib.util.spec_from_file_location("feedparser_compare", os.path.join(ROOT, "scripts",
                                                                                    "feedparser-compare.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def feedparser_tests(module, work):
    """The feedparser sdist's tests/ folder, downloaded and unpacked under `work` when it is not there yet."""
    name = module.FEEDPARSER.replace("==", "-")
    tests = os.path.join(work, name, "tests")
    if not os.path.isdir(tests):
        os.makedirs(work, exist_ok=True)
        sdist = os.path.join(work, name + ".tar.gz")
        if not os.path.exists(sdist):
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                            module.FEEDPARSER, "-d", work], check=True)
        with tarfile.open(sdist) as archive:
            archive.extractall(work)
    return tests


def run(binary, source, extra):
    result = subprocess.run([binary, "parse", source, "--format", "jsonl"] + extra, capture_output=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def first_difference(old, new):
    for index, (a, b) in enumerate(zip(old, new)):
        if a != b:
            return f"byte {index}: {old[max(0, index - 60):index + 60]!r} vs {new[max(0, index - 60):index + 60]!r}"
    return f"lengths {len(old)} vs {len(new)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--corpus", action="append", default=None, help="a folder of documents (repeatable)")
    parser.add_argument("--feedparser-tests", help="feedparser's tests/ folder (default: downloaded)")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build-feedparser"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    options = parser.parse_args()
    old, new = os.path.abspath(options.old), os.path.abspath(options.new)

    corpora = options.corpus if options.corpus is not None else [d for d in ["/tmp/pbp/corpus"] if os.path.isdir(d)]
    files = lambda folder: sorted(p for p in glob.glob(os.path.join(folder, "**"), recursive=True) if os.path.isfile(p))
    corpus = [p for folder in corpora for p in files(folder)]
    fixtures = [p for folder in sorted(glob.glob(os.path.join(ROOT, "Tests", "*", "Fixtures"))) for p in files(folder)]
    module = compare_script()
    tests = options.feedparser_tests or feedparser_tests(module, os.path.abspath(options.work))
    feeds = [p for p in files(tests) if not p.endswith(".py")]

    server = module.serve(os.path.dirname(tests))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    urls = [base + os.path.relpath(p, os.path.dirname(tests)) for p in feeds]
    gb = ["--encoding", "gb18030"]
    jobs = ([(p, []) for p in corpus + fixtures + feeds] + [(u, []) for u in urls]
            + [(p, gb) for p in fixtures + feeds])

    def check(job):
        source, extra = job
        before, after = run(old, source, extra), run(new, source, extra)
        if before == after:
            return None
        for label, a, b in zip(["status", "stdout", "stderr"], before, after):
            if a != b:
                detail = f"{a} vs {b}" if label == "status" else first_difference(a, b)
                return f"{source} {' '.join(extra)}: {label} differs, {detail}"

    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        differences = [d for d in pool.map(check, jobs) if d]
    server.shutdown()
    print(f"parse-diff: {len(jobs)} reads compared ({len(corpus)} corpus files, {len(fixtures)} fixtures, "
          f"{len(feeds)} feedparser feeds as files and over HTTP, fixtures and feeds again as gb18030): "
          f"{len(differences)} differences")
    for difference in differences:
        print("  " + difference)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
