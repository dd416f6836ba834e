import Foundation
import LoopbackServer
import Testing

/// One daemon per timeline: a second would poll every feed twice and race the first for feed state.
@Suite("a second daemon on one timeline refuses to start", .serialized)
struct DaemonLockTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    @Test("the second daemon exits 75 naming the first's pid; once the first stops, a new one starts")
    func secondDaemonRefused() throws {
        let text = FeedFolder.rss(title: "华泰证券资管自购", link: "https://news.example.cn/1", text: FeedFolder.huataiText)
        let server = try LoopbackServer { _ in .ok(text) }
        let folder = try FeedFolder.write([("news", server.baseURL + "/rss")], in: scratch.path("feeds"))
        let arguments = ["daemon", "--feeds", folder, "--host-gap", "0"]
        let first = try cli.start(arguments, outputIn: scratch.url.path)
        let stored = try FeedFolder.waitFor(seconds: 20) {
            try cli.run(["list", "--format", "csv"]).stdout.contains("华泰证券资管")
        }
        #expect(stored)
        let second = try cli.start(arguments, outputIn: scratch.url.path)
        let status = second.wait(seconds: 10)
        #expect(status == 75, "\(second.stderr)")
        #expect(
            second.stderr.contains(
                "another selfbuy daemon (pid \(first.process.processIdentifier)) is already polling this timeline"),
            "\(second.stderr)")
        #expect(first.process.isRunning)
        first.signal(SIGTERM)
        #expect(first.wait(seconds: 10) == 0, "\(first.stderr)")
        let third = try cli.start(arguments, outputIn: scratch.url.path)
        // The third is up once the lock file holds its pid (written after it took the lock, by which time SIGTERM is a
        // graceful stop). A fixed sleep was not enough for a sanitizer build on a loaded machine; a probe daemon could
        // win the lock itself.
        let lockFile = scratch.path("timeline.sqlite.daemon.lock")
        let holds = FeedFolder.waitFor(seconds: 30) {
            let recorded = (try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? ""
            return recorded.trimmingCharacters(in: .whitespacesAndNewlines) == "\(third.process.processIdentifier)"
        }
        #expect(holds, "\(third.stderr)")
        #expect(third.process.isRunning, "\(third.stderr)")
        third.signal(SIGTERM)
        #expect(third.wait(seconds: 10) == 0, "\(third.stderr)")
    }
}
