import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Local sources: what a typed path names, and its bytes read whole or refused")
struct FileSourceTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test(
        "a path's URL is Foundation's standardized file URL, whether made directly or after a look at the disk",
        arguments: [
            "/tmp/feeds/a.xml", "/tmp/feeds/", "/", "/tmp//feeds/a.xml", "/tmp/./feeds/a.xml", "/tmp/x/../feeds/a.xml",
            "/tmp/feeds/.", "/tmp/feeds/..", "/tmp/新闻 公告/100%.xml", "/tmp/a#b?c.xml", "/tmp/.hidden/..x/...",
            "a.xml", "feeds/a.xml", "feeds/", "./a.xml", "../a.xml", "feeds//a.xml", "新闻/公告 1.xml",
        ])
    func standardURL(path: String) {
        let expected = URL(fileURLWithPath: path).standardizedFileURL
        let made = FileSource.url(for: path)
        #expect(made.absoluteString == expected.absoluteString)
        #expect(made.path == expected.path)
    }

    @Test("only a rooted path without empty, '.' or '..' segments is taken as standard")
    func standardAbsolute() {
        for path in ["/", "/a", "/a/b.xml", "/a/b/", "/.a/..b/...", "/a b/c"] {
            #expect(FileSource.isStandardAbsolute(path), "\(path)")
        }
        for path in ["", "a/b", "./a", "//a", "/a//b", "/a/./b", "/a/../b", "/a/.", "/a/..", "/a/b//"] {
            #expect(!FileSource.isStandardAbsolute(path), "\(path)")
        }
    }

    @Test("relative paths and file URLs still resolve against the working directory or the given folder")
    func relativeAndFileURLs() {
        let folder = URL(fileURLWithPath: "/srv/selfbuy/feeds/", isDirectory: true)
        #expect(FileSource.url(for: "samples/a.xml", relativeTo: folder).path == "/srv/selfbuy/feeds/samples/a.xml")
        #expect(FileSource.url(for: "../a.xml", relativeTo: folder).path == "/srv/selfbuy/a.xml")
        #expect(FileSource.url(for: "file:///tmp/%E6%96%B0.xml").path == "/tmp/新.xml")
        let page = "https://news.example.cn/a.html"
        #expect(FileSource.url(for: page).absoluteString == page)
        let cwd = FileManager.default.currentDirectoryPath
        #expect(FileSource.url(for: "a.xml").path == URL(fileURLWithPath: cwd).appendingPathComponent("a.xml").path)
    }

    /// The bytes `write` puts in a file of `count` bytes.
    func content(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) } }

    func write(_ name: String, _ count: Int) throws -> URL {
        let url = URL(fileURLWithPath: directory.path(name))
        try Data(content(count)).write(to: url)
        return url
    }

    @Test("a file is read whole, byte for byte, at every size around the limit and the first read")
    func readsWhole() throws {
        for count in [0, 1, 4095, 4096, 65_535, 65_536, 65_537, 300_001] {
            let url = try write("f\(count)", count)
            let read = try FileSource.read(url)
            // Compared with what was written, not with Foundation's read of the file (which leaks 4 KiB reading an
            // empty one, and LeakSanitizer stops the suite).
            #expect(read.bytes == content(count), "\(count) bytes")
        }
        let exact = try write("exact", 1000)
        #expect(try FileSource.read(exact, limit: 1000).bytes.count == 1000)
        #expect(throws: FetchError.tooLarge(limit: 999)) { try FileSource.read(exact, limit: 999) }
        #expect(throws: FetchError.tooLarge(limit: 0)) { try FileSource.read(exact, limit: 0) }
        #expect(try FileSource.read(try write("empty", 0), limit: 0).bytes.isEmpty)
    }

    /// Writes `bytes` into the pipe at `path` on a thread of its own, with SIGPIPE blocked there: a reader that stops
    /// early makes the rest of the write fail, not the process end.
    func feedPipe(_ path: String, _ bytes: [UInt8]) {
        Thread {
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress!, $0.count) }
                if written <= 0 { break }
                offset += written
            }
            close(descriptor)
        }.start()
    }

    @Test("a stream without a length (a pipe) is read to its end, and refused past the limit")
    func readsStreams() throws {
        let fifo = directory.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        feedPipe(fifo, payload)
        #expect(try FileSource.read(URL(fileURLWithPath: fifo)).bytes == payload)
        feedPipe(fifo, payload)
        #expect(throws: FetchError.tooLarge(limit: 70_000)) {
            try FileSource.read(URL(fileURLWithPath: fifo), limit: 70_000)
        }
    }

    @Test("a missing file, a folder and a path through a file are told apart")
    func refusals() throws {
        #expect(throws: FetchError.notFound) { try FileSource.read(URL(fileURLWithPath: directory.path("none.xml"))) }
        #expect(throws: FetchError.isDirectory) { try FileSource.read(URL(fileURLWithPath: directory.path(""))) }
        let file = try write("plain", 10)
        #expect(throws: FetchError.notFound) { try FileSource.read(file.appendingPathComponent("below.xml")) }
        #expect(throws: FetchError.unsupportedScheme("https")) {
            try FileSource.read(URL(string: "https://news.example.cn/a.xml")!)
        }
    }
}
