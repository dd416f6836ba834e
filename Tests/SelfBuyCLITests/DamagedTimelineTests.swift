import Foundation
import GRDB
import Testing

/// A writer checks the timeline before writing into it: damage in a table the command does not touch must still
/// stop it (exit 74), not let it add documents to a broken file and exit 0.
@Suite("writers refuse a damaged timeline")
struct DamagedTimelineTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    @Test(
        "ingest into a timeline whose feed-state or validator pages are damaged exits 74 and writes nothing",
        arguments: ["feed_state", "url_validators"])
    func damagedUntouchedTable(table: String) throws {
        let samples = CLI.repositoryRoot.appendingPathComponent("feeds/samples").path
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let database = scratch.path("timeline.sqlite")
        let (page, pageSize) = try DatabaseQueue(path: database).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            )
        }
        #expect(page > 1)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: database)))
        var generator = SystemRandomNumberGenerator()
        for index in (page - 1) * pageSize..<page * pageSize {
            bytes[index] = UInt8.random(in: 0...255, using: &generator)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: database))
        let result = try cli.run(["ingest", CLI.fixture("rss2.xml")])
        #expect(result.status == 74, "\(result.stdout)")
        #expect(result.stderr.hasPrefix("selfbuy: \(database): the timeline is damaged"), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: database))) == bytes)
    }
}
