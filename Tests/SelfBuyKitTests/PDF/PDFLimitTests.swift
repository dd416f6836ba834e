import Foundation
import Synchronization
import Testing

@testable import SelfBuyKit

#if canImport(Glibc)
    import Glibc
#endif

@Suite("PDF caps: hostile and broken PDFs are named failures, never a crash or a hang")
struct PDFLimitTests {
    @Test(
        "a truncated, encrypted or garbage PDF is refused with a named failure",
        arguments: [
            ("truncated.pdf", "PDF is damaged or not a PDF (poppler: pdf document is damaged)"),
            ("encrypted.pdf", "PDF is encrypted: it needs a password to be read"),
            ("garbage.pdf", "PDF is damaged or not a PDF (poppler: pdf document is damaged)"),
        ])
    func brokenPDFs(name: String, message: String) throws {
        let bytes = try Fixture.bytes("pdf/" + name)
        let error = try #require(throws: PDFError.self) { try PDFReader().read(bytes) }
        #expect("\(error)" == message)
    }

    @Test("a decompression bomb (7 KB inflating to 4 GiB) is stopped at the time cap")
    func bombStoppedAtTimeCap() throws {
        let bytes = try Fixture.bytes("pdf/bomb.pdf")
        let start = Date()
        #expect(throws: PDFError.timedOut(seconds: 1)) {
            try PDFReader(limits: PDFLimits(seconds: 1)).read(bytes)
        }
        #expect(Date().timeIntervalSince(start) < 3)
    }

    @Test("a PDF over the size cap is refused before it is opened")
    func sizeCap() throws {
        let bytes = try Fixture.bytes("pdf/notice.pdf")
        #expect(throws: PDFError.tooLarge(bytes: bytes.count, limit: 10_000)) {
            try PDFReader(limits: PDFLimits(maxBytes: 10_000)).read(bytes)
        }
    }

    @Test("reading stops after the page cap and says so, keeping the first pages")
    func pageCap() throws {
        var reader = SourceReader()
        reader.pdfLimits = PDFLimits(maxPages: 3)
        let parsed = try reader.read(try Fixture.bytes("pdf/fifty-pages.pdf"), url: nil)
        let item = try #require(parsed.items.first)
        #expect(item.text.contains("第3页"))
        #expect(!item.text.contains("第4页"))
        #expect(parsed.notes == ["pdf: read 3 of 50 pages"])
    }

    @Test("reading stops at the text cap, on a character boundary")
    func textCap() throws {
        let text = try PDFReader(limits: PDFLimits(maxTextBytes: 1000)).read(try Fixture.bytes("pdf/fifty-pages.pdf"))
        #expect(text.stoppedAtTextCap)
        #expect(text.pages.joined().utf8.count <= 1000)
        #expect(text.pages.joined().unicodeScalars.allSatisfy { $0 != "\u{FFFD}" })
    }

    @Test(
        "a memory bomb (a 256 MiB string in 1 KB) kills only its reader, over the memory cap, and is refused",
        .enabled(if: !PDFLimitTests.sanitized, "sanitizers map shadow memory: no address-space cap is set"))
    func memoryCap() throws {
        let bytes = try Fixture.bytes("pdf/bomb-memory.pdf")
        let error = try #require(throws: PDFError.self) {
            try PDFReader(limits: PDFLimits(memoryBudget: 64 * 1024 * 1024)).read(bytes)
        }
        #expect("\(error)".hasPrefix("PDF reader stopped by signal"))
        #expect("\(error)".hasSuffix("(over the 64 MiB memory cap, or a fault in poppler)"))
    }

    static var sanitized: Bool {
        #if canImport(Glibc)
            guard let handle = dlopen(nil, RTLD_NOW) else { return true }
            defer { dlclose(handle) }
            return dlsym(handle, "__asan_init") != nil || dlsym(handle, "__tsan_init") != nil
        #else
            return true
        #endif
    }
}

@Suite("PDF reader child: nothing it runs before poppler can wait on a lock another thread of the parent held")
struct PDFForkSafetyTests {
    /// Threads that keep taking libc's time-zone and loader locks, as Foundation's date code and the Swift runtime do
    /// in a busy process. A forked child inherits a held lock and can never take it.
    final class LockHammer: Sendable {
        private let running = Atomic<Bool>(true)
        private let finished = DispatchGroup()

        init(threads count: Int) {
            for index in 0..<count {
                finished.enter()
                // The thread holds the hammer until it ends, and the hammer does not hold the thread: no cycle.
                Thread { [self] in
                    var now = time(nil)
                    var parts = tm()
                    while running.load(ordering: .relaxed) {
                        if index % 2 == 0 {
                            tzset()
                            localtime_r(&now, &parts)
                        } else {
                            _ = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "selfbuy_pdf_request")
                        }
                    }
                    finished.leave()
                }.start()
            }
        }

        /// Stops the threads and waits for them to end.
        func stop() {
            running.store(false, ordering: .relaxed)
            finished.wait()
        }
    }

    @Test("reads while other threads use the time zone and the loader all finish, each well within its cap")
    func readsDoNotHangOnInheritedLocks() throws {
        let bytes = try Fixture.bytes("pdf/notice.pdf")
        let hammer = LockHammer(threads: 4)
        defer { hammer.stop() }
        for _ in 0..<60 {
            let text = try PDFReader(limits: PDFLimits(seconds: 3)).read(bytes)
            #expect(text.pages.isEmpty == false)
        }
    }
}
