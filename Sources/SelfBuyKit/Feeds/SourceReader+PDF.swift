import Foundation

/// The PDF branch of the source reader: a document whose bytes are a PDF (sniffed by content, `%PDF-`, never by file
/// name) is read with poppler (`PDF/`) as one item, wherever selfbuy reads sources.
extension SourceReader {
    /// Whether the bytes are a PDF (see ``PDFReader/isPDF(_:)``).
    public static func isPDF(_ bytes: [UInt8]) -> Bool { PDFReader.isPDF(bytes) }

    /// The text of a PDF notice as one item: title, date and text.
    ///
    /// - Throws: ``PDFError`` naming the cap or the fault.
    public func readPDF(_ bytes: [UInt8], url: URL?) throws -> FeedItem {
        try PDFReader(limits: pdfLimits).read(bytes).item(url: url)
    }

    /// A PDF as a parsed source of one item.
    ///
    /// - Throws: ``SourceError/expectedFeedGotPDF(_:)`` when a feed was promised, else as ``readPDF(_:url:)``.
    func parsePDF(_ bytes: [UInt8], url: URL?, expecting: SourceKind?) throws -> ParsedSource {
        if let expecting, expecting != .html, expecting != .pdf { throw SourceError.expectedFeedGotPDF(expecting) }
        let read = try PDFReader(limits: pdfLimits).read(bytes)
        var notes: [String] = []
        if read.isPartial {
            notes.append("pdf: read \(read.pages.count) of \(read.pageCount) pages")
        }
        let item = read.item(url: url)
        return ParsedSource(
            kind: .pdf, items: [item], recovered: false, charset: .utf8, charsetSource: .sniffed, replacements: 0,
            notes: notes, title: item.title)
    }
}
