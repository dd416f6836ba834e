/// Why a document could not be read at all. Recoverable faults are diagnostics on the document instead.
public enum MarkupError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    case binary
    case unparseable(String)
    case entityDeclarations
    case invalidXPath(String)

    public var description: String {
        switch self {
        case .empty: return "empty document"
        case .tooLarge(let bytes, let limit): return "document of \(bytes) bytes exceeds the \(limit)-byte limit"
        case .binary: return "binary data, not a feed or page"
        case .unparseable(let reason): return "unparseable markup: \(reason)"
        case .entityDeclarations: return "document declares entities (refused: entity expansion attacks)"
        case .invalidXPath(let expression): return "invalid XPath \"\(expression)\""
        }
    }
}

/// One message libxml2 reported while parsing a document.
public struct MarkupDiagnostic: Sendable, Equatable {
    public var line: Int
    public var code: Int
    public var message: String
}
