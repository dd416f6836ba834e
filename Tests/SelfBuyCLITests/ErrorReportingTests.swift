import Foundation
import Testing

/// The contract for failures: one line on stderr starting `selfbuy: `, and the same exit status for the same problem
/// in every command (64 usage, 65 bad data, 66 missing input, 73 cannot create output, 74 I/O).
@Suite("errors are one selfbuy: line with the same status in every command")
struct ErrorReportingTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    var samples: String { CLI.repositoryRoot.appendingPathComponent("feeds/samples").path }

    func polled() throws {
        let result = try cli.run(["poll", "--feeds", samples])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// One line, starting `selfbuy: `.
    func isOneLine(_ stderr: String) -> Bool {
        stderr.hasPrefix("selfbuy: ") && stderr.hasSuffix("\n") && stderr.dropLast().firstIndex(of: "\n") == nil
    }

    @Test(
        "writing to a full disk is 'write error: No space left on device' and exit 74, never a crash",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full (Linux)"),
        arguments: [
            ["export"], ["export", "--format", "json"], ["export", "--format", "jsonl"], ["export", "--excel"],
            ["list", "--format", "csv"], ["list", "--format", "json"], ["list", "--format", "table"],
            ["summary", "--format", "csv"], ["summary", "--format", "json"], ["summary", "--format", "table"],
            ["feeds", "status"], ["feeds", "status", "--format", "json"],
        ])
    func fullStandardOutput(arguments: [String]) throws {
        try polled()
        let before = try cli.run(["export", "--format", "jsonl"]).stdout
        let result = try cli.run(arguments, stdoutFile: "/dev/full")
        #expect(result.status == 74)
        #expect(result.stderr == "selfbuy: write error: No space left on device\n")
        #expect(try cli.run(["export", "--format", "jsonl"]).stdout == before)
    }

    @Test(
        "parse, extract, show, feeds check, ingest and poll report a full standard output the same way",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full (Linux)"))
    func fullStandardOutputElsewhere() throws {
        let text =
            "8月25日，华泰证券（上海）资产管理有限公司（简称“华泰证券资管”）公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
        let runs: [([String], String?)] = [
            (["parse", CLI.fixture("rss2.xml"), "--format", "jsonl"], nil),
            (["extract", "--format", "jsonl"], text),
            (["feeds", "check", "--feeds", samples], nil),
            (["poll", "--feeds", samples], nil),
            (["ingest", CLI.fixture("rss2.xml")], nil),
            (["show", "ev-8bb115ff99e3"], nil),
        ]
        for (arguments, stdin) in runs {
            let result = try cli.run(arguments, stdin: stdin, stdoutFile: "/dev/full")
            #expect(result.status == 74, "\(arguments)")
            #expect(result.stderr.hasSuffix("selfbuy: write error: No space left on device\n"), "\(arguments)")
        }
        // The poll whose output was lost still stored what it read.
        let stored = try cli.run(["list", "--format", "json"])
        #expect(stored.status == 0)
        #expect(stored.stdout.contains("ev-8bb115ff99e3"))
    }

    @Test(
        "a missing input file is exit 66 for parse, extract and ingest alike",
        arguments: ["parse", "extract", "ingest"])
    func missingInput(command: String) throws {
        let path = scratch.path("missing.xml")
        let result = try cli.run([command, path])
        #expect(result.status == 66)
        #expect(result.stderr == "selfbuy: \(path): no such file\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("ingest stores the sources it can read and exits with the status of the first that failed")
    func ingestPartialFailure() throws {
        let missing = scratch.path("missing.xml")
        let result = try cli.run(["ingest", missing, CLI.fixture("rss2.xml")])
        #expect(result.status == 66)
        #expect(result.stderr == "selfbuy: \(missing): no such file\n")
        #expect(result.stdout.hasPrefix(CLI.fixture("rss2.xml") + ": 5 items"))
    }

    @Test(
        "--from after --to is a usage error (64) on one selfbuy: line",
        arguments: [
            ["list", "--from", "2025-05-01", "--to", "2025-04-30"],
            ["summary", "--from", "2025-05", "--to", "2025-04"],
        ])
    func fromAfterTo(arguments: [String]) throws {
        try polled()
        let result = try cli.run(arguments)
        #expect(result.status == 64)
        #expect(isOneLine(result.stderr), "\(result.stderr)")
        #expect(result.stderr.hasPrefix("selfbuy: --from \(arguments[2]) is after --to \(arguments[4])"))
        #expect(result.stdout.isEmpty)
    }

    @Test(
        "a usage error is one selfbuy: line naming the command's help",
        arguments: [
            (
                ["list", "--month", "2025-8"],
                "selfbuy: --month must be YYYY-MM, got 2025-8 (see 'selfbuy list --help')"
            ),
            (
                ["export", "--outt"],
                "selfbuy: Unknown option '--outt'. Did you mean '--out'? (see 'selfbuy export --help')"
            ),
            (["show"], "selfbuy: Missing expected argument '<id>' (see 'selfbuy show --help')"),
        ])
    func usageLine(arguments: [String], line: String) throws {
        let result = try cli.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr == line + "\n")
    }

    @Test("random bytes in place of the timeline: exit 74 with a selfbuy: line, and the file is left as it was")
    func randomBytesDatabase() throws {
        let database = scratch.path("timeline.sqlite")
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: database))
        let expected = "selfbuy: \(database): not a selfbuy timeline (SQLite: file is not a database)\n"
        for arguments in [["list"], ["summary"], ["export"], ["show", "ev-1"], ["ingest", CLI.fixture("rss2.xml")]] {
            let result = try cli.run(arguments)
            #expect(result.status == 74, "\(arguments)")
            #expect(result.stderr == expected, "\(arguments)")
        }
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: database))) == bytes)
    }

    @Test("a timeline whose pages are damaged: exit 74 with a selfbuy: line, never 0")
    func damagedDatabase() throws {
        try polled()
        let database = scratch.path("timeline.sqlite")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: database)))
        #expect(bytes.count > 4 * 4096)
        var generator = SystemRandomNumberGenerator()
        for index in (2 * 4096)..<bytes.count { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: database))
        for arguments in [["list"], ["summary"], ["export"], ["ingest", CLI.fixture("rss2.xml")]] {
            let result = try cli.run(arguments)
            #expect(result.status == 74, "\(arguments): \(result.stderr)")
            #expect(isOneLine(result.stderr), "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("selfbuy: \(database): "), "\(arguments)")
            #expect(!result.stderr.contains("while executing"), "\(arguments)")
        }
    }
}
