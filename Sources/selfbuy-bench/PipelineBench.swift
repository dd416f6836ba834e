import Foundation
import SelfBuyKit

/// The whole pipeline as a user runs it: `selfbuy ingest` of a generated news archive (``PipelineCorpus``), beside
/// the Python pipeline a researcher would write (``PythonPipeline``: feedparser, then jionlp on the candidate
/// sentences, into SQLite) and `xmllint --noout` (libxml2 parsing alone) over the same files.
///
/// Runs unpinned: `selfbuy ingest` parses and detects on every core, as it does for a user; xmllint and Python use
/// one. Each time is the best of `runs`, the three interleaved so that the machine's state is shared alike.
enum PipelineBench {
    /// - Parameter parseCorpus: ingest ``ParseBench``'s corpus (its feeds, 11 MB: items repeating four bodies, so
    ///   that content identity stores four documents) instead of the archive of distinct items.
    /// - Parameter selfbuy: the `selfbuy` binary to time (`scripts/install.sh` builds the installed one with the Swift
    ///   runtime linked in, which starts faster); by default the one beside the bench.
    static func run(
        feeds: Int, items: Int, runs: Int, folder: URL, keep: String?, parseCorpus: Bool, selfbuy chosen: String? = nil
    ) throws {
        let corpusFolder = keep.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpusFolder, withIntermediateDirectories: true)
        let files =
            parseCorpus
            ? try ParseBench.generate(megabytes: 11, folder: corpusFolder).filter { $0.0.pathExtension == "xml" }
            : try PipelineCorpus.generate(feeds: feeds, items: items, folder: corpusFolder)
        let total = Double(files.reduce(0) { $0 + $1.1 }) / 1e6
        let paths = files.map(\.0.path)
        print(
            "pipeline: \(parseCorpus ? "parse bench's corpus" : "news archive") of \(files.count) feeds, "
                + "\(Measure.format(total)) MB")
        guard let selfbuy = chosen ?? siblingExecutable("selfbuy"),
            FileManager.default.isExecutableFile(atPath: selfbuy)
        else {
            print(
                "pipeline: no selfbuy binary \(chosen.map { "at \($0)" } ?? "beside selfbuy-bench") "
                    + "(swift build -c release --product selfbuy)")
            exit(69)
        }
        print("pipeline: timing \(selfbuy)")
        // A release build allocates with mimalloc when the build machine has it (Package.swift); without it, glibc's
        // allocator makes the ingest slower, and the figures README quotes are mimalloc's.
        if let libraries = try? Spawn.run("/usr/bin/ldd", [selfbuy]), libraries.status == 0 {
            print(
                libraries.stdout.contains("libmimalloc")
                    ? "pipeline: selfbuy allocates with mimalloc"
                    : "pipeline: selfbuy allocates with glibc's malloc "
                        + "(apt-get install libmimalloc2.0, then rebuild, for the allocator README's figures use)")
        }
        let python = try PythonPipeline.prepare(cache: cacheFolder)
        let xmllint = ParseBench.xmllintPath
        if xmllint == nil { print("pipeline: xmllint not installed (apt-get install libxml2-utils)") }
        // Wall-clock and CPU seconds, each the best of the runs.
        var wall = (selfbuy: Double.infinity, python: Double.infinity, xmllint: Double.infinity)
        var cpu = (selfbuy: Double.infinity, python: Double.infinity, xmllint: Double.infinity)
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
            wall.selfbuy = min(wall.selfbuy, ingestTime)
            cpu.selfbuy = min(cpu.selfbuy, ingest.cpuSeconds)
            let stored = try TimelineStore(path: database, create: false).counts()
            counts.selfbuy = "\(stored.documents) documents, \(stored.events) events, \(stored.sources) sources"
            if let python {
                let output = folder.appendingPathComponent("python-\(attempt).sqlite").path
                let (result, pythonTime) = try Measure.seconds { try python.run(paths, database: output) }
                guard result.status == 0 else {
                    print("pipeline: the Python pipeline failed (\(result.status)): \(result.stderr.suffix(800))")
                    exit(70)
                }
                wall.python = min(wall.python, pythonTime)
                cpu.python = min(cpu.python, result.cpuSeconds)
                // jionlp prints a banner when imported; the script's own line is the last.
                counts.python = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
            }
            if let xmllint {
                let (lintCPU, lintTime) = try Measure.seconds { try ParseBench.runXmllint(xmllint, paths) }
                wall.xmllint = min(wall.xmllint, lintTime)
                cpu.xmllint = min(cpu.xmllint, lintCPU)
            }
        }
        func figures(_ wall: Double, _ cpu: Double) -> String {
            "\(Measure.format(wall, 3)) s wall, \(Measure.format(cpu, 3)) s CPU"
        }
        print(
            "pipeline: selfbuy ingest \(figures(wall.selfbuy, cpu.selfbuy)) (\(Measure.format(total / wall.selfbuy)) MB/s; "
                + "\(counts.selfbuy))")
        if python != nil {
            print("pipeline: Python (feedparser + jionlp) \(figures(wall.python, cpu.python)) (\(counts.python))")
            print(
                "pipeline: selfbuy is \(Measure.format(wall.python / wall.selfbuy, 1))x faster than Python "
                    + "(\(Measure.format(cpu.python / cpu.selfbuy, 1))x less CPU)")
        }
        if xmllint != nil {
            print(
                "pipeline: xmllint --noout \(figures(wall.xmllint, cpu.xmllint)); selfbuy takes "
                    + "\(Measure.format(wall.selfbuy / wall.xmllint, 2))x xmllint's time "
                    + "(\(Measure.format(cpu.selfbuy / cpu.xmllint, 2))x its CPU)")
        }
        print("pipeline: best of \(runs) runs each, interleaved; selfbuy on every core, xmllint and Python on one")
        let block = [UInt8](repeating: 0x61, count: 64 << 20)
        let hashTime = Measure.best(of: 3) { _ = ContentHash.sha256(block) }
        print("pipeline: SHA-256 of the content hash \(Measure.format(64 * 1.048576 / hashTime)) MB/s on one core")
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
