#!/bin/sh
# Differential check of the detector: an earlier version (a git revision, default main) and the working tree read the
# same texts and must find exactly the same pledges and near misses, every field of them. REVISION defaults to the
# commit the branch left main at (git merge-base main HEAD).
#
#   scripts/detector-diff.sh [REVISION] [FEED_DIR...]
#
# Texts: every labelled corpus (/work/shared/corpus/*.jsonl, Tests/*/Fixtures/*.jsonl, each text and its title), the
# detector's fuzz corpus and fuzz crashes, and every item of the feeds under FEED_DIR (parsed by the release selfbuy,
# as ingest reads them; `.build/release/selfbuy-bench pipeline --keep DIR` writes the bench archive there), body and
# title, and MUTANTS (default 5000) seeded mutants of the corpus texts. Each version is compiled with swiftc -O together with scripts/detector-diff/main.swift (no SwiftPM build);
# the new one also checks that DocumentPrefilter never skips a text that gives a pledge or a near miss.
#
# With OLD_SELFBUY and NEW_SELFBUY set to two selfbuy binaries, the corpus texts (not the feed items: one process
# each) also go through `selfbuy extract --explain --format jsonl` of both, whose output must be byte-identical.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
revision=${1:-$(git -C "$root" merge-base main HEAD)}
[ $# -gt 0 ] && shift
work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "detector-diff: keeping $work" || trap 'rm -rf "$work"' EXIT

build() { # build NAME SOURCE_DIR
    mkdir -p "$work/$1"
    # The folding is derived from OpenCC directly: its cache (TraditionalFolding+Cache.swift) needs SelfBuyKit's
    # SHA-256, and holds the same table.
    sed -e '/^import SelfBuyDetection/d' -e 's/try loadCached()/try deriveMapping()/' \
        "$root/Sources/SelfBuyKit/Script/TraditionalFolding.swift" >"$work/$1/TraditionalFolding.swift"
    # shellcheck disable=SC2046
    swiftc -O -parse-as-library -module-name SelfBuyDetection -I "$root/Sources/COpenCC" \
        $(find "$2" -name '*.swift') "$work/$1/TraditionalFolding.swift" "$root/scripts/detector-diff/main.swift" \
        -o "$work/$1/driver" 2>&1 | grep -E 'error' && exit 1
    return 0
}

mkdir -p "$work/old-src"
git -C "$root" archive "$revision" Sources/SelfBuyDetection | tar -x -C "$work/old-src"
build old "$work/old-src/Sources/SelfBuyDetection" &
build new "$root/Sources/SelfBuyDetection"
wait

for dir in "$@"; do
    find "$dir" -type f | sort | while read -r feed; do
        "$root/.build/release/selfbuy" parse "$feed" --format jsonl 2>/dev/null || true
    done
done >"$work/items.jsonl"

python3 - "$root" "$work" <<'EOF'
import glob, json, sys
root, work = sys.argv[1], sys.argv[2]
texts, corpus = open(work + '/texts.jsonl', 'w'), open(work + '/corpus.jsonl', 'w')
def emit(text, title=None, date=None, item=False):
    line = json.dumps({"text": text, "title": title, "date": date}, ensure_ascii=False) + "\n"
    texts.write(line)
    if not item:
        corpus.write(line)
for path in sorted(glob.glob('/work/shared/corpus/*.jsonl')) + sorted(glob.glob(root + '/Tests/*/Fixtures/*.jsonl')):
    for line in open(path, encoding='utf-8'):
        if line.strip():
            case = json.loads(line)
            if "text" in case:
                emit(case["text"], case.get("title"), case.get("doc_date"))
                if case.get("title"):
                    emit(case["title"])
for path in sorted(glob.glob(root + '/Fuzz/corpus/detector/*') + glob.glob(root + '/Tests/*/Fixtures/fuzz-crashes/*')):
    emit(open(path, 'rb').read().decode('utf-8', 'replace'))
# Mutants of the corpus texts (seeded, so every run reads the same): pieces of other texts, the detector's words in
# both scripts, amounts, punctuation and line breaks spliced in, cut out or swapped, to reach the gates' edges.
import random
rng = random.Random(14)
bases = [json.loads(line)["text"] for line in open(work + '/corpus.jsonl', encoding='utf-8')]
pieces = ["自购", "自購", "投资", "投資", "申购", "認購", "固有资金", "固有資金", "旗下", "该公司", "該公司", "本公司",
          "华夏基金", "華夏基金", "南方", "易方达", "华安众鑫", "5000万元", "1.5亿元", "三千万元", "不低于", "持有期不少于1年",
          "。", "，", "；", "\n", " ", "“", "”", "（", "）", "、", "年内", "其中", "合计", "累计", "6月3日", "于", "获"]
for number in range(int(__import__('os').environ.get('MUTANTS', '5000'))):
    text = rng.choice(bases)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(text))
        kind = rng.random()
        if kind < 0.4:
            text = text[:at] + rng.choice(pieces) + text[at:]
        elif kind < 0.6:
            text = text[:at] + text[at + rng.randint(1, 12):]
        elif kind < 0.8:
            other = rng.choice(bases)
            start = rng.randint(0, len(other))
            text = text[:at] + other[start:start + rng.randint(1, 60)] + text[at:]
        else:
            cut = rng.randint(0, len(text))
            text = text[cut:] + text[:cut]
    emit(text, rng.choice([None, "关于运用固有资金投资旗下基金的公告", "華夏基金公告"]), rng.choice([None, "2025-08-26"]), item=True)
for line in open(work + '/items.jsonl', encoding='utf-8'):
    item = json.loads(line)
    date = (item.get("published") or "")[:10] or None
    emit(item.get("text") or "", item.get("title"), date, item=True)
    if item.get("title"):
        emit(item["title"], None, date, item=True)
EOF

"$work/old/driver" <"$work/texts.jsonl" >"$work/old.txt"
"$work/new/driver" --prefilter <"$work/texts.jsonl" >"$work/new.txt"
texts=$(wc -l <"$work/texts.jsonl")
found=$(grep -c '^[PM] ' "$work/old.txt" || true)
if ! cmp -s "$work/old.txt" "$work/new.txt"; then
    diff "$work/old.txt" "$work/new.txt" | head -40
    echo "detector-diff: $revision and the working tree differ over $texts texts" >&2
    exit 1
fi
echo "detector-diff: $texts texts, $found pledges and near misses, identical to $revision"

if [ -n "${OLD_SELFBUY:-}" ] && [ -n "${NEW_SELFBUY:-}" ]; then
    python3 - "$OLD_SELFBUY" "$NEW_SELFBUY" "$work/corpus.jsonl" <<'EOF'
import json, subprocess, sys
old, new, corpus = sys.argv[1:4]
cases = [json.loads(line) for line in open(corpus, encoding='utf-8')]
differ = 0
for case in cases:
    argv = ["extract", "--explain", "--format", "jsonl"] + (["--date", case["date"]] if case.get("date") else [])
    run = lambda binary: subprocess.run([binary] + argv, input=case["text"].encode(), capture_output=True)
    a, b = run(old), run(new)
    if (a.stdout, a.stderr, a.returncode) != (b.stdout, b.stderr, b.returncode):
        differ += 1
        print("extract differs:", case["text"][:80])
print(f"detector-diff: extract --explain of {len(cases)} corpus texts, {differ} different")
sys.exit(1 if differ else 0)
EOF
fi
