import Foundation

/// The bytes of one source and what came with them.
public struct FetchedDocument: Sendable {
    public var url: URL
    public var bytes: [UInt8]
    /// The HTTP `Content-Type`, when the bytes came over HTTP.
    public var contentType: String?

    public init(url: URL, bytes: [UInt8], contentType: String? = nil) {
        self.url = url
        self.bytes = bytes
        self.contentType = contentType
    }
}

/// Why a source could not be read.
public enum FetchError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound
    case isDirectory
    case unreadable(String)
    case unsupportedScheme(String)
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .notFound: return "no such file"
        case .isDirectory: return "is a directory, not a document"
        case .unreadable(let reason): return "cannot read: \(reason)"
        case .unsupportedScheme(let scheme): return "unsupported URL scheme \"\(scheme)\""
        case .tooLarge(let limit): return "larger than the \(limit)-byte limit"
        }
    }
}

/// Reads local sources: file paths and `file://` URLs.
public enum FileSource {
    /// Interprets what a user typed: a `file://` URL (its path may be relative), another URL, or a path.
    ///
    /// - Parameter base: the folder relative paths resolve against (a feed definition's folder); the working
    ///   directory when nil.
    public static func url(for source: String, relativeTo base: URL? = nil) -> URL {
        if source.lowercased().hasPrefix("file://") {
            var path = String(source.dropFirst("file://".count))
            if path.lowercased().hasPrefix("localhost/") { path = String(path.dropFirst("localhost".count)) }
            return fileURL(path.removingPercentEncoding ?? path, relativeTo: base)
        }
        if let url = URL(string: source), let scheme = url.scheme, scheme.count > 1, url.host != nil { return url }
        return fileURL(source, relativeTo: base)
    }

    private static func fileURL(_ path: String, relativeTo base: URL?) -> URL {
        if path.hasPrefix("/") || base == nil { return URL(fileURLWithPath: path).standardizedFileURL }
        return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
    }

    /// Reads a local file.
    ///
    /// - Throws: ``FetchError`` naming what is wrong (missing, a directory, unreadable, too large).
    public static func read(_ url: URL, limit: Int = MarkupDocument.defaultSizeLimit) throws -> FetchedDocument {
        guard url.isFileURL else { throw FetchError.unsupportedScheme(url.scheme ?? "") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw FetchError.notFound
        }
        if isDirectory.boolValue { throw FetchError.isDirectory }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw FetchError.unreadable("permission denied")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit { throw FetchError.tooLarge(limit: limit) }
            return FetchedDocument(url: url, bytes: [UInt8](data))
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError.unreadable(error.localizedDescription)
        }
    }
}
