import Foundation

/// The Python pipeline a researcher would write for the same job: feedparser reads each feed, the entries' HTML is
/// stripped and split into sentences, the sentences naming a purchase word are the candidates, jionlp reads their
/// money, and what names the company's own money is stored in SQLite, one transaction for the run.
///
/// feedparser and jionlp come from PyPI into a venv in the bench's cache folder, installed on first use (the bench says
/// so); without python3 or network the comparison is skipped and the bench says why.
struct PythonPipeline {
    var python: String
    var script: String

    static let source = #"""
        import re, sqlite3, sys
        import feedparser
        import jionlp

        TRIGGERS = ("固有资金", "自有资金", "自购", "申购", "认购", "出资", "斥资")
        OWN_MONEY = ("固有资金", "自有资金", "自购", "出资", "斥资")
        TAG = re.compile(r"<[^>]+>")
        SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")

        def main():
            db = sqlite3.connect(sys.argv[1])
            db.execute("CREATE TABLE IF NOT EXISTS documents (url TEXT, title TEXT, published TEXT, text TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS pledges (url TEXT, sentence TEXT, amount TEXT, published TEXT)")
            items = candidates = pledges = 0
            seen = set()
            with db:
                for path in sys.argv[2:]:
                    feed = feedparser.parse(path)
                    for entry in feed.entries:
                        items += 1
                        text = TAG.sub("", entry.get("summary", "")).strip()
                        key = " ".join(text.split())
                        if key in seen:
                            continue
                        seen.add(key)
                        link, published = entry.get("link"), entry.get("published")
                        db.execute("INSERT INTO documents VALUES (?, ?, ?, ?)",
                                   (link, entry.get("title"), published, text))
                        for sentence in SENTENCE.findall(text):
                            if not any(word in sentence for word in TRIGGERS):
                                continue
                            candidates += 1
                            money = jionlp.ner.extract_money(sentence)
                            if money and any(word in sentence for word in OWN_MONEY):
                                pledges += 1
                                db.execute("INSERT INTO pledges VALUES (?, ?, ?, ?)",
                                           (link, sentence, money[0]["text"], published))
            print(f"{items} items, {candidates} candidate sentences, {pledges} pledges")

        main()
        """#

    /// The venv's python with feedparser and jionlp importable, installing them when missing; nil when that fails.
    static func prepare(cache: URL) throws -> PythonPipeline? {
        let venv = cache.appendingPathComponent("venv")
        let python = venv.appendingPathComponent("bin/python").path
        let script = cache.appendingPathComponent("pipeline.py")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data(source.utf8).write(to: script)
        let check = ["-c", "import feedparser, jionlp"]
        if FileManager.default.isExecutableFile(atPath: python), try Spawn.run(python, check).status == 0 {
            return PythonPipeline(python: python, script: script.path)
        }
        guard
            let system = which("python3")
                ?? ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)
        else {
            print("pipeline: python3 not found, no Python comparison")
            return nil
        }
        print("pipeline: installing feedparser and jionlp from PyPI into \(venv.path) (first run only)")
        if !FileManager.default.isExecutableFile(atPath: python) {
            let created = try Spawn.run(system, ["-m", "venv", venv.path])
            guard created.status == 0 else {
                print("pipeline: cannot create a venv (\(created.stderr.suffix(300))), no Python comparison")
                return nil
            }
        }
        let installed = try Spawn.run(python, ["-m", "pip", "install", "--quiet", "feedparser", "jionlp"])
        guard installed.status == 0, try Spawn.run(python, check).status == 0 else {
            print("pipeline: pip install failed (\(installed.stderr.suffix(300))), no Python comparison")
            return nil
        }
        return PythonPipeline(python: python, script: script.path)
    }

    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: FileManager.default.isExecutableFile)
    }

    func run(_ paths: [String], database: String) throws -> Spawn.Result {
        try Spawn.run(python, [script, database] + paths)
    }
}
