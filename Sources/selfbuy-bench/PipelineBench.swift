import Foundation
import SelfBuyKit

/// The whole pipeline as a user runs it: `selfbuy ingest` of a generated news archive (``PipelineCorpus``), beside
/// the Python pipeline a researcher would write (``PythonPipeline``: feedparser, then jionlp on the candidate
/// sentences, into SQLite) and `xmllint --noout` (libxml2 parsing alone) over the same files.
///
/// Runs unpinned: `selfbuy ingest` parses and detects on every core, as it does for a user; xmllint and Python use
/// one. Each time is the best of `runs`, the three interleaved so that the machine's state is shared alike.
enum PipelineBench {
    static func run(feeds: Int, items: Int, runs: Int, folder: URL, keep: String?) throws {
        let corpusFolder = keep.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpusFolder, withIntermediateDirectories: true)
        let files = try PipelineCorpus.generate(feeds: feeds, items: items, folder: corpusFolder)
        let total = Double(files.reduce(0) { $0 + $1.1 }) / 1e6
        let paths = files.map(\.0.path)
        print("pipeline: corpus of \(files.count) feeds, \(feeds * items) items, \(Measure.format(total)) MB")
        guard let selfbuy = siblingExecutable("selfbuy") else {
            print("pipeline: no selfbuy binary beside selfbuy-bench (swift build -c release --product selfbuy)")
            exit(69)
        }
        let python = try PythonPipeline.prepare(cache: cacheFolder)
        let xmllint = ParseBench.xmllintPath
        if xmllint == nil { print("pipeline: xmllint not installed (apt-get install libxml2-utils)") }
        var best = (selfbuy: Double.infinity, python: Double.infinity, xmllint: Double.infinity)
        var counts = (selfbuy: "", python: "")
        for attempt in 0..<runs {
            let database = folder.appendingPathComponent("pipeline-\(attempt).sqlite").path
            let (ingest, ingestTime) = try Measure.seconds {
                try Spawn.run(selfbuy, ["ingest", "--db", database, "--quiet"] + paths)
            }
            guard ingest.status == 0 else {
                print("pipeline: selfbuy ingest failed (\(ingest.status)): \(ingest.stderr.prefix(500))")
                exit(70)
            }
            best.selfbuy = min(best.selfbuy, ingestTime)
            let store = try TimelineStore(path: database, create: false)
            let stored = try store.counts()
            counts.selfbuy = "\(stored.documents) documents, \(stored.events) events, \(stored.sources) sources"
            if let python {
                let output = folder.appendingPathComponent("python-\(attempt).sqlite").path
                let (result, pythonTime) = try Measure.seconds { try python.run(paths, database: output) }
                guard result.status == 0 else {
                    print("pipeline: the Python pipeline failed (\(result.status)): \(result.stderr.suffix(800))")
                    exit(70)
                }
                best.python = min(best.python, pythonTime)
                // jionlp prints a banner when imported; the script's own line is the last.
                counts.python = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
            }
            if let xmllint {
                best.xmllint = min(best.xmllint, try Measure.seconds { try ParseBench.runXmllint(xmllint, paths) }.1)
            }
        }
        print(
            "pipeline: selfbuy ingest \(Measure.format(best.selfbuy, 3)) s (\(Measure.format(total / best.selfbuy)) MB/s; "
                + "\(counts.selfbuy))")
        if python != nil {
            print("pipeline: Python (feedparser + jionlp) \(Measure.format(best.python, 3)) s (\(counts.python))")
            print("pipeline: selfbuy is \(Measure.format(best.python / best.selfbuy, 1))x faster than Python")
        }
        if xmllint != nil {
            print(
                "pipeline: xmllint --noout \(Measure.format(best.xmllint, 3)) s; selfbuy takes "
                    + "\(Measure.format(best.selfbuy / best.xmllint, 2))x xmllint's time")
        }
        print("pipeline: best of \(runs) runs each, interleaved; selfbuy on every core, xmllint and Python on one")
    }

    /// `$XDG_CACHE_HOME/selfbuy-bench` (else `~/.cache/selfbuy-bench`): the Python venv survives between runs.
    static var cacheFolder: URL {
        let environment = ProcessInfo.processInfo.environment
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
        return URL(fileURLWithPath: base).appendingPathComponent("selfbuy-bench")
    }

    static func siblingExecutable(_ name: String) -> String? {
        guard let own = Bundle.main.executableURL else { return nil }
        let path = own.deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}
