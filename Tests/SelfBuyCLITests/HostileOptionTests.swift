import Foundation
import Testing

@Suite("Hostile durations and sizes are refused before anything runs")
struct HostileOptionTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    @Test(
        "out-of-range --host-gap and --max-response-bytes are usage errors (64)",
        arguments: [
            ["--host-gap", "inf"], ["--host-gap", "nan"], ["--host-gap", "-1"], ["--host-gap", "1e308"],
            ["--max-response-bytes=9223372036854775807"], ["--max-response-bytes=0"], ["--max-response-bytes=-1"],
            ["--concurrency", "100000"],
        ])
    func refusedOptions(options: [String]) throws {
        let folder = try FeedFolder.write([("a", "http://127.0.0.1:9/rss")], in: scratch.path("feeds"))
        let result = try cli.run(["poll", "--feeds", folder] + options)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error:") || result.stderr.contains("selfbuy:"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("timeline.sqlite")))
    }

    @Test(
        "feeds check names the file and line of a hostile interval or timeout",
        arguments: [
            ("interval", "infs"), ("interval", "1e308s"), ("interval", "99999999999d"), ("timeout", "infs"),
            ("timeout", "1e20s"),
        ])
    func hostileDefinition(key: String, value: String) throws {
        let folder = scratch.path("feeds")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = "[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\n\(key) = \"\(value)\"\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/bad.toml"))
        let result = try cli.run(["feeds", "check", "--feeds", folder])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.toml:4: \(key) must be a duration from"))
    }
}
