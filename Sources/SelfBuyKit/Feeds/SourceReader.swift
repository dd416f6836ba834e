import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the bytes of one document into items: decodes them, sniffs feed versus page from the content, and parses.
public struct SourceReader: Sendable {
    /// An encoding that beats everything the document and its transport say (a feed definition's `encoding`).
    public var encodingOverride: String?
    /// Zone of dates that state none, and of `CST`.
    public var dates: DateParser
    /// Largest document accepted, in bytes.
    public var sizeLimit: Int
    /// For HTML pages: the XPath of the article body, when a feed definition names one.
    public var contentXPath: String?
    /// For PDFs: the caps on size, pages, text, time and memory (see `PDF/PDFLimits.swift`).
    public var pdfLimits = PDFLimits.standard

    public init(
        encodingOverride: String? = nil, timeZone: TimeZone = DateParser.china,
        sizeLimit: Int = MarkupDocument.defaultSizeLimit, contentXPath: String? = nil
    ) {
        self.encodingOverride = encodingOverride
        self.dates = DateParser(timeZone: timeZone)
        self.sizeLimit = sizeLimit
        self.contentXPath = contentXPath
    }

    /// Reads a document.
    ///
    /// - Parameters:
    ///   - bytes: the document as stored or received.
    ///   - url: where it came from; relative links resolve against it.
    ///   - contentType: the HTTP `Content-Type`, whose charset counts when the bytes came over HTTP.
    ///   - expecting: the kind a feed definition promises; a page served instead of a feed is then an error.
    /// - Throws: ``MarkupError`` for empty, binary, oversized or unreadable input; ``SourceError/expectedFeed``;
    ///   ``PDFError`` for a PDF that cannot be read within its caps.
    public func read(
        _ bytes: consuming [UInt8], url: URL?, contentType: String? = nil, expecting: SourceKind? = nil
    ) throws -> ParsedSource {
        guard !bytes.isEmpty else { throw MarkupError.empty }
        // A PDF is sniffed by its content, whatever the name or Content-Type says (SourceReader+PDF.swift).
        if Self.isPDF(bytes) { return try parsePDF(bytes, url: url, expecting: expecting) }
        guard bytes.count <= sizeLimit else { throw MarkupError.tooLarge(bytes: bytes.count, limit: sizeLimit) }
        if Self.looksBinary(bytes) { throw MarkupError.binary }
        // A UTF-8 label is taken at its word first: libxml2 checks every character it reads, so checking the bytes
        // beforehand would be done twice. Should libxml2 meet invalid UTF-8, the document is decoded again with
        // checking on (a label the bytes contradict then loses, as it always does) and parsed again.
        let decoded = TextDecoder.decode(
            bytes, override: encodingOverride, contentType: contentType, trustingUTF8Labels: true)
        // The raw bytes are not needed once decoded; a caller that hands them over frees them here.
        bytes = []
        if let parsed = try parse(decoded, url: url, expecting: expecting) { return parsed }
        let checked = TextDecoder.decode(decoded.utf8, override: encodingOverride, contentType: contentType)
        // Checked text is never sent back, so this always returns a result.
        guard let parsed = try parse(checked, url: url, expecting: expecting) else { throw MarkupError.binary }
        return parsed
    }

    /// Parses decoded text as a feed or a page; nil when text passed through unchecked turned out not to be UTF-8.
    private func parse(_ decoded: DecodedText, url: URL?, expecting: SourceKind?) throws -> ParsedSource? {
        guard decoded.utf8.contains(where: { $0 > 0x20 }) else { throw MarkupError.empty }
        var notes = decoded.notes
        if decoded.replacements > 0 { notes.append("replacements=\(decoded.replacements)") }

        var kind = Self.sniff(decoded.utf8)
        var items: [FeedItem] = []
        var title: String?
        var recovered = false
        if kind != .html {
            let repaired = XMLRepair.repair(decoded.utf8)
            // CDATA sections are literal text: libxml2 parses the rest and the text walkers read them raw.
            let cut = CDATASections.extract(repaired)
            if decoded.uncheckedUTF8, let cut, !cut.sections.isValidUTF8 { return nil }
            let document = try MarkupDocument(
                utf8: cut?.document ?? repaired, cdata: cut?.sections, url: url, sizeLimit: sizeLimit)
            if decoded.uncheckedUTF8, document.sawInvalidCharacters { return nil }
            if let root = document.root, let feedKind = FeedParser.kind(ofRoot: root) {
                kind = feedKind
                recovered = document.recovered
                let closed = recovered ? FeedParser.closedItemCount(repaired, kind: feedKind) : nil
                (title, items) = try FeedParser.items(of: document, kind: feedKind, dates: dates, closedItems: closed)
                notes += document.diagnostics.prefix(5).map { "line \($0.line): \($0.message)" }
            } else {
                kind = .html
            }
        }
        if kind == .html {
            if let expecting, expecting != .html { throw SourceError.expectedFeed(expecting) }
            let document = try MarkupDocument(utf8: decoded.utf8, kind: .html, url: url, sizeLimit: sizeLimit)
            if decoded.uncheckedUTF8, document.sawInvalidCharacters { return nil }
            items = try PageReader.items(of: document, dates: dates, contentXPath: contentXPath)
            title = items.count == 1 ? items[0].title : try document.root?.string("//title")
        }
        return ParsedSource(
            kind: kind, items: items, recovered: recovered, charset: decoded.charset,
            charsetSource: decoded.source, replacements: decoded.replacements, notes: notes, title: title)
    }

    /// Decides feed or page from the first markup in the text: an XML declaration or a feed root means a feed is
    /// tried; `<!DOCTYPE html>` or `<html>` means a page.
    static func sniff(_ utf8: [UInt8]) -> SourceKind {
        utf8.withUnsafeBufferPointer { bytes in
            let head = UnsafeBufferPointer(rebasing: bytes.prefix(4096))
            for marker in rssMarkers where contains(marker, in: head) { return .rss }
            for marker in htmlMarkers where contains(marker, in: head) { return .html }
            let firstMarkup = head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            return firstMarkup == UInt8(ascii: "<") && contains(xmlDeclaration, in: head) ? .rss : .html
        }
    }

    private static let rssMarkers = ["<rss", "<rdf:rdf", "<feed", "<channel"].map { Array($0.utf8) }
    private static let htmlMarkers = ["<html", "<!doctype html", "<body", "<head"].map { Array($0.utf8) }
    private static let xmlDeclaration = Array("<?xml".utf8)

    /// Whether a lower-case marker starting with `<` stands in the text, its ASCII letters in either case.
    private static func contains(_ marker: [UInt8], in head: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = head.baseAddress, head.count >= marker.count else { return false }
        let last = head.count - marker.count
        var start = 0
        while start <= last, let found = memchr(base + start, Int32(marker[0]), last - start + 1) {
            start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var offset = 1
            while offset < marker.count {
                let byte = base[start + offset]
                guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == marker[offset] else { break }
                offset += 1
            }
            if offset == marker.count { return true }
            start += 1
        }
        return false
    }

    /// Control characters that never occur in text, more than one byte in a hundred, mean binary data, not a
    /// document; a stray NUL is dropped with a note when the text is decoded.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if CharsetDetector.byteOrderMark(bytes)?.0 == .utf16LE || CharsetDetector.byteOrderMark(bytes)?.0 == .utf16BE {
            return false
        }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            let count = Swift.min(buffer.count, 64 * 1024)
            var controls = 0
            var index = 0
            // Eight bytes at a time: a word with no byte below 0x20 and no DEL is skipped whole (SWAR test).
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let low = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
                let hasDelete = (delete &- 0x0101_0101_0101_0101) & ~delete & 0x8080_8080_8080_8080
                if low | hasDelete != 0 {
                    for offset in 0..<8 where isControl(base[index &+ offset]) { controls &+= 1 }
                }
                index &+= 8
            }
            while index < count {
                if isControl(base[index]) { controls &+= 1 }
                index &+= 1
            }
            return controls * 100 > count
        }
    }

    /// Control characters other than tab, line feed and carriage return, and DEL.
    @inline(__always)
    private static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x09 || byte == 0x0B || byte == 0x0C || (byte >= 0x0E && byte < 0x20) || byte == 0x7F
    }
}

/// Why a source's content is not what its definition promised.
public enum SourceError: Error, Equatable, Sendable, CustomStringConvertible {
    case expectedFeed(SourceKind)
    case expectedFeedGotPDF(SourceKind)

    public var description: String {
        switch self {
        case .expectedFeed(let kind): return "expected a \(kind.rawValue) feed, got an HTML page"
        case .expectedFeedGotPDF(let kind): return "expected a \(kind.rawValue) feed, got a PDF"
        }
    }
}
