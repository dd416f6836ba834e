import Foundation
import Testing

@Suite("selfbuy ingest of folders, lists and many files, end to end")
struct IngestCommandTests {
    let scratch: Scratch

    init() throws {
        scratch = try Scratch()
        let samples = CLI.repositoryRoot.appendingPathComponent("feeds/samples")
        let folder = URL(fileURLWithPath: scratch.path("archive/2025"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["news-fund-channel.xml", "observer-atom.xml"] {
            try FileManager.default.copyItem(
                at: samples.appendingPathComponent(name), to: folder.appendingPathComponent(name + ".saved"))
        }
        try Data("notes, not a feed".utf8).write(to: URL(fileURLWithPath: scratch.path("archive/README")))
    }

    var files: [String] {
        ["news-fund-channel.xml", "observer-atom.xml"].map { scratch.path("archive/2025/\($0).saved") }
    }

    func cli(_ database: String) -> CLI { CLI(environment: ["SELFBUY_DB": scratch.path(database)]) }

    func export(_ database: String) throws -> String {
        let result = try cli(database).run(["export", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("a folder is ingested as its feed files, found by content, and stores what naming them stores")
    func folder() throws {
        let named = try cli("named.sqlite").run(["ingest"] + files)
        #expect(named.status == 0, "\(named.stderr)")
        let folder = try cli("folder.sqlite").run(["ingest", scratch.path("archive")])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stdout == named.stdout)
        #expect(!folder.stdout.contains("README"))
        let expected = try export("named.sqlite")
        #expect(!expected.isEmpty)
        #expect(try export("folder.sqlite") == expected)
    }

    @Test("- reads the sources from standard input, one a line")
    func standardInput() throws {
        let result = try cli("stdin.sqlite").run(["ingest", "-"], stdin: files.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(files[1] + ":"))
        _ = try cli("named.sqlite").run(["ingest"] + files)
        #expect(try export("stdin.sqlite") == (try export("named.sqlite")))
    }

    @Test("--quiet prints nothing, and without a terminal there is no progress line")
    func quiet() throws {
        let result = try cli("quiet.sqlite").run(["ingest", "--quiet"] + files)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let loud = try cli("loud.sqlite").run(["ingest"] + files)
        #expect(!loud.stderr.contains("MB/s"))
        #expect(try export("quiet.sqlite") == (try export("loud.sqlite")))
    }

    @Test("a missing source among others is reported in its turn, exit 66, and the others are stored")
    func missingAmongOthers() throws {
        let missing = scratch.path("gone.xml")
        let result = try cli("missing.sqlite").run(["ingest", files[0], missing, files[1]])
        #expect(result.status == 66)
        #expect(result.stderr.contains("gone.xml"))
        let lines = result.stdout.split(separator: "\n").filter { $0.contains(".saved:") }
        #expect(lines.count == 2 && lines[0].hasPrefix(files[0]) && lines[1].hasPrefix(files[1]))
    }
}
