import CLibXML2
import Foundation

/// A parsed XML or HTML document that owns its libxml2 tree and frees it when released.
///
/// Parsing is safe by construction: no network, no external entities or DTD loading, documents declaring entities
/// refused, input size capped, and libxml2's messages collected in ``diagnostics`` rather than printed. A document is
/// not `Sendable`: parse it, query it and turn what it says into plain values inside one synchronous function.
public final class MarkupDocument {
    public enum Kind: Sendable { case xml, html }

    /// The largest document selfbuy parses (64 MiB of UTF-8); configurable per call.
    public static let defaultSizeLimit = 64 * 1024 * 1024

    let pointer: xmlDocPtr
    public let kind: Kind
    /// The document's URL, against which relative links resolve.
    public let url: URL?
    /// What libxml2 reported while recovering from broken markup.
    public let diagnostics: [MarkupDiagnostic]

    /// The CDATA sections cut out before parsing, when they were.
    let cdata: CDATASections?

    /// Whether libxml2 had to recover from errors (missing end tags, bad characters…).
    public var recovered: Bool { !diagnostics.isEmpty }
    /// Whether libxml2 met bytes that are not valid UTF-8 or characters XML forbids (counted even past the
    /// diagnostics limit): text handed over unchecked must then be decoded properly and parsed again.
    public let sawInvalidCharacters: Bool

    /// Parses text.
    ///
    /// - Throws: ``MarkupError`` for empty, oversized or entity-declaring input, or markup libxml2 cannot recover.
    public convenience init(
        text: String, kind: Kind, url: URL? = nil, sizeLimit: Int = MarkupDocument.defaultSizeLimit
    ) throws {
        var text = text
        let parsed = try text.withUTF8 { try Self.parse($0, kind: kind, url: url, sizeLimit: sizeLimit) }
        self.init(parsed: parsed, kind: kind, url: url)
    }

    /// Parses valid UTF-8 bytes (what ``TextDecoder`` yields) without making a string of them first.
    ///
    /// - Throws: ``MarkupError`` for empty, oversized or entity-declaring input, or markup libxml2 cannot recover.
    public convenience init(
        utf8: [UInt8], kind: Kind, url: URL? = nil, sizeLimit: Int = MarkupDocument.defaultSizeLimit
    ) throws {
        let parsed = try utf8.withUnsafeBufferPointer { try Self.parse($0, kind: kind, url: url, sizeLimit: sizeLimit) }
        self.init(parsed: parsed, kind: kind, url: url)
    }

    /// Parses an XML document whose CDATA sections were cut out (``CDATASections/extract(_:)``); its text walkers
    /// read the sections' bytes where the tree holds markers.
    convenience init(
        utf8: [UInt8], cdata: CDATASections?, url: URL?, sizeLimit: Int = MarkupDocument.defaultSizeLimit
    ) throws {
        let parsed = try utf8.withUnsafeBufferPointer { try Self.parse($0, kind: .xml, url: url, sizeLimit: sizeLimit) }
        self.init(parsed: parsed, kind: .xml, url: url, cdata: cdata)
    }

    private init(parsed: (xmlDocPtr, DiagnosticCollector), kind: Kind, url: URL?, cdata: CDATASections? = nil) {
        self.cdata = cdata
        pointer = parsed.0
        diagnostics = parsed.1.diagnostics
        sawInvalidCharacters = parsed.1.sawInvalidCharacters
        self.kind = kind
        self.url = url
    }

    private static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, kind: Kind, url: URL?, sizeLimit: Int
    ) throws -> (xmlDocPtr, DiagnosticCollector) {
        LibXML2.initialize()
        let count = buffer.count
        guard count > 0, buffer.contains(where: { $0 > 0x20 }) else { throw MarkupError.empty }
        guard count <= sizeLimit else { throw MarkupError.tooLarge(bytes: count, limit: sizeLimit) }
        if kind == .xml, declaresEntities(buffer) { throw MarkupError.entityDeclarations }
        let collector = DiagnosticCollector()
        let parsed: xmlDocPtr? = collector.collecting {
            buffer.withMemoryRebound(to: CChar.self) { chars in
                let urlString = url?.absoluteString
                switch kind {
                case .xml:
                    return xmlReadMemory(chars.baseAddress, Int32(chars.count), urlString, "UTF-8", LibXML2.xmlOptions)
                case .html:
                    return htmlReadMemory(
                        chars.baseAddress, Int32(chars.count), urlString, "UTF-8", LibXML2.htmlOptions)
                }
            }
        }
        guard let parsed else {
            throw MarkupError.unparseable(collector.diagnostics.first?.message ?? "no document")
        }
        if kind == .xml, let subset = parsed.pointee.intSubset, subset.pointee.entities != nil {
            xmlFreeDoc(parsed)
            throw MarkupError.entityDeclarations
        }
        return (parsed, collector)
    }

    deinit { xmlFreeDoc(pointer) }

    /// The root element, if the document has one.
    public var root: MarkupNode? {
        xmlDocGetRootElement(pointer).map { MarkupNode(document: self, pointer: $0) }
    }

    /// A cheap refusal of entity declarations before libxml2 sees them: no feed declares entities, and an internal
    /// subset that does is how billion-laughs and quadratic blow-up documents work. Only the prolog is scanned: a
    /// DOCTYPE must come before the first element.
    static func declaresEntities(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let doctype = Array("<!DOCTYPE".utf8)
        let entity = Array("<!ENTITY".utf8)
        var index = 0
        let limit = min(bytes.count, 64 * 1024)
        var inSubset = false
        while index < limit {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if matches(bytes, at: index, doctype) {
                inSubset = true
            } else if inSubset, matches(bytes, at: index, entity) {
                return true
            } else if !inSubset, index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "?"),
                bytes[index + 1] != UInt8(ascii: "!")
            {
                return false
            }
            index += 1
        }
        return false
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ word: [UInt8]) -> Bool {
        guard index + word.count <= bytes.count else { return false }
        for offset in 0..<word.count where bytes[index + offset] | 0x20 != word[offset] | 0x20 { return false }
        return true
    }
}

/// One-time libxml2 set-up and the parse options selfbuy always uses.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() { _ = initialized }

    /// Recover from broken markup, never touch the network, ignore the document's own encoding label (the text is
    /// already UTF-8), stay quiet. CDATA sections stay nodes of their own, so that a cut-out section's marker is a
    /// node's whole content. Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE.
    static let xmlOptions = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue
            | XML_PARSE_COMPACT.rawValue)
    static let htmlOptions = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)
}

/// Collects libxml2's structured errors for one parse on this thread instead of letting libxml2 print them.
final class DiagnosticCollector {
    private(set) var diagnostics: [MarkupDiagnostic] = []
    /// An invalid-character or invalid-encoding error was reported.
    private(set) var sawInvalidCharacters = false
    static let limit = 200

    func collecting<T>(_ body: () -> T) -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue()
            let code = error.pointee.code
            if code == Int32(XML_ERR_INVALID_CHAR.rawValue) || code == Int32(XML_ERR_INVALID_ENCODING.rawValue) {
                collector.sawInvalidCharacters = true
            }
            guard collector.diagnostics.count < DiagnosticCollector.limit else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "error"
            collector.diagnostics.append(
                MarkupDiagnostic(
                    line: Int(error.pointee.line), code: Int(error.pointee.code),
                    message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        selfbuy_silenceGenericErrors()
        defer {
            xmlSetStructuredErrorFunc(nil, nil)
        }
        return body()
    }
}
