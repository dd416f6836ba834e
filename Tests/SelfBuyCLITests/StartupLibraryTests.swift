import Foundation
import LoopbackServer
import Testing

/// selfbuy starts without poppler or libcurl: poppler-glib and the fifty libraries it brings (GLib, GObject, cairo,
/// fonts, X11) are loaded by the PDF reader process when it reads a PDF, and libcurl with its twenty-five (GnuTLS,
/// Kerberos, LDAP, nghttp2…) by the first HTTP transfer, not by every run.
@Suite("Start-up libraries: poppler is loaded by the PDF reader only, libcurl by the first HTTP transfer")
struct StartupLibraryTests {
    /// Libraries that only the PDF reader uses.
    static let readerOnly = ["libpoppler", "libglib-2.0", "libgobject-2.0", "libgio-2.0", "libcairo"]
    /// Libraries that only an HTTP transfer uses; FoundationNetworking (URLSession) is not used at all, and it
    /// NEEDs libcurl.
    static let transferOnly = ["libcurl", "libFoundationNetworking"]

    @Test("the binary's dynamic section needs no poppler, GLib, GObject or cairo")
    func noPopplerInNeeded() throws {
        let needed = try ELFDynamicSection.needed(of: CLI.executable.path)
        // The section was read: the Swift runtime and libc are there.
        #expect(needed.contains("libswiftCore.so"))
        #expect(needed.contains { $0.hasPrefix("libc.so") })
        for library in needed {
            #expect(!Self.readerOnly.contains { library.hasPrefix($0) }, "\(library) is linked into selfbuy")
        }
    }

    @Test("the binary's dynamic section needs neither libcurl nor FoundationNetworking")
    func noCurlInNeeded() throws {
        let needed = try ELFDynamicSection.needed(of: CLI.executable.path)
        #expect(needed.contains("libswiftCore.so"))
        for library in needed {
            #expect(!Self.transferOnly.contains { library.hasPrefix($0) }, "\(library) is linked into selfbuy")
        }
    }

    /// A folder whose `library` is not a library: first on the loader's path, it stands for the library not being
    /// installed (the loader stops at it with "file too short").
    static func broken(_ library: String, in scratch: Scratch) throws -> [String: String] {
        let folder = scratch.path("lib")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("not a library\n".utf8).write(to: URL(fileURLWithPath: folder + "/" + library))
        return ["LD_LIBRARY_PATH": folder]
    }

    static func brokenPoppler(in scratch: Scratch) throws -> [String: String] {
        try broken("libpoppler-glib.so.8", in: scratch)
    }

    @Test(
        "without a library loaded on first use, --version, parse and ingest of a local file work",
        arguments: ["libcurl.so.4", "libpoppler-glib.so.8"])
    func commandsWorkWithout(library: String) throws {
        let scratch = try Scratch()
        let cli = CLI(environment: try Self.broken(library, in: scratch))
        let version = try cli.run(["--version"])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(!version.stdout.isEmpty)
        let feed = CLI.repositoryRoot.appendingPathComponent("feeds/samples/news-fund-channel.xml").path
        let parse = try cli.run(["parse", feed, "--format", "jsonl"])
        #expect(parse.status == 0, "\(parse.stderr)")
        #expect(!parse.stdout.isEmpty)
        let ingest = try cli.run(["ingest", "--db", scratch.path("fresh.sqlite"), "--quiet", feed])
        #expect(ingest.status == 0, "\(ingest.stderr)")
    }

    @Test("without libcurl, an http URL is one line naming the library on stderr and exit 69")
    func httpWithoutCurl() throws {
        let scratch = try Scratch()
        let server = try LoopbackServer { _ in .ok("<rss version=\"2.0\"><channel></channel></rss>") }
        let cli = CLI(environment: try Self.broken("libcurl.so.4", in: scratch))
        let url = server.baseURL + "/feed.xml"
        let result = try cli.run(["parse", url])
        #expect(result.status == 69)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix("selfbuy: \(url): HTTP client could not load libcurl (Debian package libcurl4): "),
            "\(result.stderr)")
        #expect(result.stderr.contains("libcurl.so.4"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(server.requests.isEmpty)
    }

    @Test("with libcurl installed, the same binary fetches over HTTP from 127.0.0.1")
    func httpWithCurl() throws {
        let server = try LoopbackServer { _ in
            .ok(#"<rss version="2.0"><channel><item><title>华泰证券资管自购</title></item></channel></rss>"#)
        }
        let result = try CLI().run(["parse", server.baseURL + "/feed.xml", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("华泰证券资管自购"))
    }

    @Test("without poppler, a PDF is one line naming the library on stderr and exit 65")
    func pdfWithoutPoppler() throws {
        let scratch = try Scratch()
        let cli = CLI(environment: try Self.brokenPoppler(in: scratch))
        let path = PDFCommandTests.pdf("notice.pdf")
        for command in ["parse", "extract"] {
            let result = try cli.run([command, path])
            #expect(result.status == 65)
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr.hasPrefix(
                    "selfbuy: \(path): PDF reader could not load poppler (Debian package libpoppler-glib8): "),
                "\(result.stderr)")
            #expect(result.stderr.contains("libpoppler-glib.so.8"))
            #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        }
    }

    @Test("with poppler installed, the same binary reads the PDF")
    func pdfWithPoppler() throws {
        let result = try CLI().run(["parse", PDFCommandTests.pdf("notice.pdf"), "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("持有期限不少于1年"))
    }
}

/// The NEEDED entries of an ELF64 little-endian file's dynamic section, read from its section headers (no readelf:
/// binutils is not among CI's packages).
enum ELFDynamicSection {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func needed(of path: String) throws -> [String] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        func integer(_ offset: Int, _ size: Int) throws -> Int {
            guard offset >= 0, offset + size <= bytes.count else { throw Malformed(description: "\(path): cut short") }
            return (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]) else {
            throw Malformed(description: "\(path) is not a little-endian ELF64 file")
        }
        let sectionTable = try integer(0x28, 8)
        let sectionSize = try integer(0x3A, 2)
        let sectionCount = try integer(0x3C, 2)
        /// A section's type, file offset, size and linked section.
        func section(_ index: Int) throws -> (type: Int, offset: Int, size: Int, link: Int) {
            let header = sectionTable + index * sectionSize
            return (
                try integer(header + 4, 4), try integer(header + 0x18, 8), try integer(header + 0x20, 8),
                try integer(header + 0x28, 4)
            )
        }
        let dynamicType = 6
        guard let dynamic = try (0..<sectionCount).map(section).first(where: { $0.type == dynamicType }) else {
            throw Malformed(description: "\(path) has no dynamic section")
        }
        let strings = try section(dynamic.link)
        var names: [String] = []
        for entry in stride(from: dynamic.offset, to: dynamic.offset + dynamic.size, by: 16) {
            let tag = try integer(entry, 8)
            if tag == 0 { break }
            guard tag == 1 else { continue }  // DT_NEEDED: an offset into the linked string table
            let start = strings.offset + (try integer(entry + 8, 8))
            guard let end = bytes[start...].firstIndex(of: 0) else { throw Malformed(description: "\(path): name") }
            names.append(String(decoding: bytes[start..<end], as: UTF8.self))
        }
        return names
    }
}
