import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
        if !source.hasPrefix("/"), let url = URL(string: source), let scheme = url.scheme, scheme.count > 1,
            url.host != nil
        {
            return url
        }
        return fileURL(source, relativeTo: base)
    }

    private static func fileURL(_ path: String, relativeTo base: URL?) -> URL {
        // An absolute path without empty, "." or ".." segments is already standard, and so is one relative to the
        // working directory once joined to it: its URL is made without asking the file system whether it is a folder
        // (its trailing slash says so) and without standardizing, which took a fifth of the time of reading a 50 KB
        // feed.
        if isStandardAbsolute(path) { return URL(filePath: path, directoryHint: .inferFromPath) }
        if base == nil, !path.isEmpty, !path.hasPrefix("/") {
            let absolute = FileManager.default.currentDirectoryPath + "/" + path
            if isStandardAbsolute(absolute) { return URL(filePath: absolute, directoryHint: .inferFromPath) }
        }
        if path.hasPrefix("/") || base == nil { return URL(fileURLWithPath: path).standardizedFileURL }
        return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
    }

    /// Whether `path` starts at the root and has no empty, "." or ".." segment (a trailing slash is allowed).
    static func isStandardAbsolute(_ path: String) -> Bool {
        var utf8 = path.utf8[...]
        guard utf8.first == UInt8(ascii: "/") else { return false }
        utf8 = utf8.dropFirst()
        while !utf8.isEmpty {
            let end = utf8.firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
            let segment = utf8[..<end]
            let last = end == utf8.endIndex
            // An empty segment is "//", or the end of a path with a trailing slash (allowed).
            if segment.isEmpty && !last { return false }
            if segment.elementsEqual(".".utf8) || segment.elementsEqual("..".utf8) { return false }
            if last { break }
            utf8 = utf8[utf8.index(after: end)...]
        }
        return true
    }

    /// Reads a local file.
    ///
    /// The bytes are read straight into the array returned, sized from the file's length (a regular file) and grown
    /// while more comes (a pipe, a file still growing), never past `limit` + 1 bytes: before, Foundation's
    /// `FileHandle` read into a buffer it grew by reallocation, copied then into the array.
    ///
    /// - Throws: ``FetchError`` naming what is wrong (missing, a directory, unreadable, too large).
    public static func read(_ url: URL, limit: Int = MarkupDocument.defaultSizeLimit) throws -> FetchedDocument {
        guard url.isFileURL else { throw FetchError.unsupportedScheme(url.scheme ?? "") }
        let limit = max(0, limit)
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw openError(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FetchError.unreadable(String(cString: strerror(errno))) }
        if status.st_mode & S_IFMT == S_IFDIR { throw FetchError.isDirectory }
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        if isRegular && Int(status.st_size) > limit { throw FetchError.tooLarge(limit: limit) }
        // One byte past the limit is read, to tell a file of exactly `limit` bytes from a larger one.
        let ceiling = limit == Int.max ? limit : limit + 1
        // A regular file's length and one byte more, to see its end (or that it grew); 64 KiB to begin with otherwise.
        var bytes = [UInt8](repeating: 0, count: min(ceiling, isRegular ? Int(status.st_size) + 1 : 65_536))
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count < ceiling else { throw FetchError.tooLarge(limit: limit) }
                bytes += repeatElement(0, count: min(ceiling, max(bytes.count * 2, 65_536)) - bytes.count)
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw FetchError.unreadable(String(cString: strerror(errno)))
            }
            if read == 0 { break }
            count += read
        }
        bytes.removeSubrange(count...)
        return FetchedDocument(url: url, bytes: bytes)
    }

    /// The error for a file `open` refused with `code`.
    private static func openError(_ code: Int32) -> FetchError {
        switch code {
        case ENOENT, ENOTDIR: return .notFound
        case EACCES, EPERM: return .unreadable("permission denied")
        case EISDIR: return .isDirectory
        default: return .unreadable(String(cString: strerror(code)))
        }
    }
}
