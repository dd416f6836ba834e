import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Reading commands open the timeline read-only: they work on a timeline the reader may not write (a read-only file,
/// folder or mount), leave no file behind, never migrate, and say what to do with an older schema.
@Suite("reading commands open the timeline read-only", .serialized)
struct ReadOnlyTimelineTests {
    let scratch: Scratch

    /// A copy of the bundled samples inside the scratch folder, which an unprivileged reader can reach (the
    /// repository may sit in a folder only its owner can enter, as a `mktemp -d` clone does).
    let samples: String

    init() throws {
        scratch = try Scratch()
        samples = scratch.path("samples")
        try FileManager.default.copyItem(
            atPath: CLI.repositoryRoot.appendingPathComponent("feeds/samples").path, toPath: samples)
    }

    var readers: [[String]] {
        [
            ["list", "--format", "csv"], ["summary", "--format", "csv"], ["show", "ev-8bb115ff99e3"],
            ["export", "--format", "jsonl"], ["review"], ["feeds", "status", "--feeds", samples],
        ]
    }

    /// Polls the samples into `database` and returns what each reader prints.
    func filled(_ database: String) throws -> [String] {
        let cli = CLI(environment: ["SELFBUY_DB": database])
        let poll = try cli.run(["poll", "--feeds", samples])
        #expect(poll.status == 0, "\(poll.stderr)")
        return try readers.map { try cli.run($0).stdout }
    }

    func listing(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test("list, summary, show, export, review and feeds status create no lock file and leave nothing behind")
    func readersLeaveNothing() throws {
        let folder = scratch.path("timeline")
        let database = folder + "/timeline.sqlite"
        let expected = try filled(database)
        try? FileManager.default.removeItem(atPath: database + ".lock")
        let before = try listing(folder)
        #expect(before == ["timeline.sqlite"])
        let cli = CLI(environment: ["SELFBUY_DB": database])
        for (arguments, output) in zip(readers, expected) {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout == output, "\(arguments)")
            #expect(try listing(folder) == before, "\(arguments)")
        }
    }

    @Test(
        "a timeline in a read-only file and folder, read by a user who may not write it",
        .enabled(if: getuid() != 0 || Unprivileged.isAvailable, "as root, needs setpriv to read as nobody"))
    func readOnlyFileAndFolder() throws {
        let folder = scratch.path("shared")
        let database = folder + "/timeline.sqlite"
        let expected = try filled(database)
        try? FileManager.default.removeItem(atPath: database + ".lock")
        chmod(database, 0o444)
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        let before = try listing(folder)
        for (arguments, output) in zip(readers, expected) {
            let result = try Unprivileged.run(arguments, database: database)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout == output, "\(arguments)")
        }
        #expect(try listing(folder) == before)
    }

    @Test(
        "a timeline in a writable folder owned by someone else: read without creating files the owner could not write",
        .enabled(if: getuid() == 0 && Unprivileged.isAvailable, "needs root and setpriv to read as nobody"))
    func othersTimeline() throws {
        let folder = scratch.path("open")
        let database = folder + "/timeline.sqlite"
        let expected = try filled(database)
        chmod(folder, 0o777)
        let before = try listing(folder)
        let result = try Unprivileged.run(readers[0], database: database)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected[0])
        #expect(try listing(folder) == before)
    }

    @Test(
        "a timeline on a read-only mount",
        .enabled(if: SmallFileSystem.isPermitted, "needs root to mount a tmpfs"))
    func readOnlyMount() throws {
        let mount = try SmallFileSystem(at: scratch.path("mount"), size: "4m")
        let database = mount.path + "/timeline.sqlite"
        let expected = try filled(database)
        #expect(SmallFileSystem.remount(mount.path, options: "remount,ro") == 0)
        let cli = CLI(environment: ["SELFBUY_DB": database])
        for (arguments, output) in zip(readers, expected) {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout == output, "\(arguments)")
        }
        let ingest = try cli.run(["ingest", CLI.fixture("rss2.xml")])
        #expect(ingest.status == 74)
        #expect(ingest.stderr.hasPrefix("selfbuy: "))
    }

    @Test("a timeline written by an older selfbuy: readers say how to upgrade it and change nothing")
    func olderSchema() throws {
        let database = scratch.path("old.sqlite")
        _ = try filled(database)
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE rowid = (SELECT MAX(rowid) FROM grdb_migrations)")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let result = try CLI(environment: ["SELFBUY_DB": database]).run(["list"])
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("selfbuy: \(database): written by an older selfbuy; run `selfbuy poll` or "))
        #expect(result.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }
}

/// Runs `selfbuy` as the unprivileged user `nobody` when the tests run as root (`setpriv`), else as this user.
enum Unprivileged {
    static let setpriv = "/usr/bin/setpriv"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: setpriv) }

    static func run(_ arguments: [String], database: String) throws -> CLI.Result {
        guard getuid() == 0 else { return try CLI(environment: ["SELFBUY_DB": database]).run(arguments) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setpriv)
        process.arguments =
            ["--reuid=65534", "--regid=65534", "--clear-groups", "--", CLI.executable.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SELFBUY_DB"] = database
        environment["HOME"] = "/nonexistent"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData))
    }
}
