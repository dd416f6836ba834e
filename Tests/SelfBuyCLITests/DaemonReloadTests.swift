import Foundation
import LoopbackServer
import Testing

/// SIGHUP re-reads the feed definitions instead of ending the daemon (its default action, exit 129).
@Suite("SIGHUP reloads the daemon's feed definitions", .serialized)
struct DaemonReloadTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    @Test("a feed added before SIGHUP is polled at once; a broken file keeps the feeds in use; SIGTERM still exits 0")
    func reload() throws {
        let huatai = FeedFolder.rss(title: "华泰证券资管自购", link: "https://news.example.cn/1", text: FeedFolder.huataiText)
        let jiashi = FeedFolder.rss(title: "嘉实基金自购", link: "https://news.example.cn/2", text: FeedFolder.jiashiText)
        let server = try LoopbackServer { request in .ok(request.path == "/b" ? jiashi : huatai) }
        let folder = try FeedFolder.write([("a", server.baseURL + "/a")], in: scratch.path("feeds"))
        let daemon = try cli.start(["daemon", "--feeds", folder, "--host-gap", "0"], outputIn: scratch.url.path)
        #expect(FeedFolder.waitFor(seconds: 20) { server.requests.contains { $0.path == "/a" } })
        try FeedFolder.write([("b", server.baseURL + "/b")], in: folder, file: "more.toml")
        daemon.signal(SIGHUP)
        #expect(FeedFolder.waitFor(seconds: 10) { server.requests.contains { $0.path == "/b" } }, "\(daemon.stderr)")
        #expect(daemon.process.isRunning, "\(daemon.stderr)")
        let listed = try FeedFolder.waitFor(seconds: 10) {
            try cli.run(["list", "--format", "csv"]).stdout.contains("嘉实基金")
        }
        #expect(listed)
        try Data("[[feed]\nid = ".utf8).write(to: URL(fileURLWithPath: folder + "/more.toml"))
        try Data("[[feed]\nid = ".utf8).write(to: URL(fileURLWithPath: folder + "/test.toml"))
        daemon.signal(SIGHUP)
        Thread.sleep(forTimeInterval: 1)
        #expect(daemon.process.isRunning, "\(daemon.stderr)")
        daemon.signal(SIGTERM)
        #expect(daemon.wait(seconds: 10) == 0, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("reloaded the feed definitions: 2 feeds (were 1)"), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("reload: no valid feed definition; still polling the 2 feeds in use"))
    }
}
