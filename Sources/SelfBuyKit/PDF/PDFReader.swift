import CPDFText

/// Reads the text of a PDF with poppler, within ``PDFLimits``.
///
/// poppler (Debian's `libpoppler-glib-dev`) is the PDF library of the free desktop: it reads CJK text through a font's
/// ToUnicode map or the predefined Adobe CMaps (`poppler-data`), orders text by columns and blocks, and is maintained
/// with a fuzzing budget of its own (OSS-Fuzz). Each PDF is read in a child process (``PDFSandbox``) so that its caps
/// hold and a fault in poppler costs one document, not the daemon.
public struct PDFReader: Sendable {
    public var limits: PDFLimits
    /// False reads in this process, with no time or memory cap: for fuzzing, where the harness keeps time.
    public var isolated: Bool

    public init(limits: PDFLimits = .standard, isolated: Bool = true) {
        self.limits = limits
        self.isolated = isolated
    }

    /// Whether bytes are a PDF, by content: `%PDF-` at the start, or within the first 1024 bytes (where readers accept
    /// it) after bytes that are not markup, so an HTML or XML document that mentions it stays what it is.
    public static func isPDF(_ bytes: [UInt8]) -> Bool {
        let marker: [UInt8] = Array("%PDF-".utf8)
        let head = bytes.prefix(1024)
        guard head.count >= marker.count else { return false }
        for start in head.startIndex...(head.endIndex - marker.count) {
            if head[start] == UInt8(ascii: "<") { return false }
            if head[start] == marker[0], head[start..<start + marker.count].elementsEqual(marker) { return true }
        }
        return false
    }

    /// The text and metadata of a PDF.
    ///
    /// - Throws: ``PDFError`` naming the cap or the fault.
    public func read(_ bytes: [UInt8]) throws -> PDFText {
        guard bytes.count <= limits.maxBytes else {
            throw PDFError.tooLarge(bytes: bytes.count, limit: limits.maxBytes)
        }
        let records = isolated ? try PDFSandbox.records(of: bytes, limits: limits) : try inProcess(bytes)
        guard let text = try PDFRecords.decode(records) else {
            throw PDFError.damaged("the reader stopped before the end of its output")
        }
        return text
    }

    private func inProcess(_ bytes: [UInt8]) throws -> [UInt8] {
        var length = 0
        let buffer = bytes.withUnsafeBufferPointer { input in
            selfbuy_pdf_read(
                input.baseAddress, input.count, Int32(clamping: limits.maxPages), limits.maxTextBytes, &length)
        }
        guard let buffer else { throw PDFError.readerUnavailable("out of memory") }
        defer { selfbuy_pdf_free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }
}
