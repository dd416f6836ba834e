import Foundation

/// A request for one document, with the validators of the copy already seen.
public struct FetchRequest: Sendable {
    public var url: URL
    public var etag: String?
    public var lastModified: String?
    /// Whole-request limit in seconds.
    public var timeout: TimeInterval
    /// Largest body accepted, in bytes (after decompression).
    public var sizeLimit: Int
    /// `GET` unless a feed definition says `POST`.
    public var method = "GET"
    /// Headers a feed definition adds (`Referer`, `X-Requested-With`, `User-Agent`, `Content-Type`); they win over
    /// the transport's own.
    public var headers: [String: String] = [:]
    /// The request body of a `POST` (a form or a JSON document).
    public var body: [UInt8]?

    public init(
        url: URL, etag: String? = nil, lastModified: String? = nil, timeout: TimeInterval = 30,
        sizeLimit: Int = 10 * 1024 * 1024
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.timeout = timeout
        self.sizeLimit = sizeLimit
    }
}

/// What a transport returned.
public struct FetchResponse: Sendable {
    /// The URL after redirects.
    public var url: URL
    public var status: Int
    public var body: [UInt8]
    public var contentType: String?
    public var etag: String?
    public var lastModified: String?
    /// Seconds the server asked to wait (`Retry-After` on 429 and 503).
    public var retryAfter: TimeInterval?
    /// Other response headers worth keeping (lower-cased names).
    public var headers: [String: String]
    /// Where a chain of permanent redirects (301, 308) ended: the URL to poll from now on.
    public var permanentRedirect: URL?

    public var notModified: Bool { status == 304 }

    public init(
        url: URL, status: Int, body: [UInt8], contentType: String? = nil, etag: String? = nil,
        lastModified: String? = nil, retryAfter: TimeInterval? = nil, headers: [String: String] = [:]
    ) {
        self.url = url
        self.status = status
        self.body = body
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.retryAfter = retryAfter
        self.headers = headers
    }

    public var document: FetchedDocument { FetchedDocument(url: url, bytes: body, contentType: contentType) }
}

/// The fetch stage's one interface: file and HTTP transports share the pipeline behind it.
public protocol Transport: Sendable {
    func fetch(_ request: FetchRequest) async throws -> FetchResponse
}

/// Reads `file://` URLs, answering like a server: 200 with the bytes, or an error for a missing file.
public struct FileTransport: Transport {
    public init() {}

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let document = try FileSource.read(request.url, limit: request.sizeLimit)
        return FetchResponse(url: request.url, status: 200, body: document.bytes)
    }
}
