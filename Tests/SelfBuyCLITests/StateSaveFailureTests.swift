import Foundation
import LoopbackServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A feed whose state cannot be saved (the disk filled up while it was fetched) must not look due again at once:
/// `poll` exits 74, and the daemon backs off as for a failed fetch instead of re-fetching every second.
@Suite(
    "a full disk while saving feed state", .serialized,
    .enabled(if: SmallFileSystem.isPermitted, "needs root to mount a small tmpfs"))
struct StateSaveFailureTests {
    let scratch: Scratch

    init() throws {
        scratch = try Scratch()
    }

    /// A server whose first request fills the file system at `path` before it answers: the timeline is open and
    /// migrated by then, so the fetch succeeds and every write after it fails with "database or disk is full".
    static func fillingServer(_ path: String) throws -> LoopbackServer {
        let text = FeedFolder.rss(title: "华泰证券资管自购", link: "https://news.example.cn/1", text: FeedFolder.huataiText)
        let counter = RequestCounter()
        return try LoopbackServer { _ in
            if counter.next() == 0 { fill(path + "/filler") }
            return .ok(text)
        }
    }

    static func fill(_ file: String) {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    @Test("poll exits 74 naming the feed whose state it could not save")
    func pollExits74() throws {
        let mount = try SmallFileSystem(at: scratch.path("mount"), size: "1m")
        defer { mount.unmount() }
        let server = try Self.fillingServer(mount.path)
        let folder = try FeedFolder.write([("news", server.baseURL + "/rss")], in: scratch.path("feeds"))
        let cli = CLI(environment: ["SELFBUY_DB": mount.path + "/timeline.sqlite"])
        let result = try cli.run(["poll", "--feeds", folder])
        #expect(result.status == 74, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("selfbuy: cannot save the state of feed news: "), "\(result.stderr)")
        #expect(result.stderr.contains("full"), "\(result.stderr)")
    }

    @Test("the daemon does not re-fetch a 1-hour feed whose state it could not save, and logs why")
    func daemonBacksOff() throws {
        let mount = try SmallFileSystem(at: scratch.path("mount"), size: "1m")
        defer { mount.unmount() }
        let server = try Self.fillingServer(mount.path)
        let folder = try FeedFolder.write([("news", server.baseURL + "/rss")], in: scratch.path("feeds"))
        let cli = CLI(environment: ["SELFBUY_DB": mount.path + "/timeline.sqlite"])
        let daemon = try cli.start(["daemon", "--feeds", folder, "--host-gap", "0"], outputIn: scratch.url.path)
        #expect(FeedFolder.waitFor(seconds: 20) { !server.requests.isEmpty })
        Thread.sleep(forTimeInterval: 6)
        #expect(server.requests.count == 1, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("news: cannot save the feed state ("), "\(daemon.stderr)")
        daemon.signal(SIGTERM)
        #expect(daemon.wait(seconds: 10) == 0, "\(daemon.stderr)")
    }
}
