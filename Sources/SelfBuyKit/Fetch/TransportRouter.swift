/// Sends `file://` URLs to the file transport and `http(s)://` URLs to the HTTP transport.
public struct TransportRouter: Transport {
    public var file: any Transport
    public var http: (any Transport)?

    public init(file: any Transport = FileTransport(), http: (any Transport)? = nil) {
        self.file = file
        self.http = http
    }

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        switch request.url.scheme?.lowercased() {
        case "file": return try await file.fetch(request)
        case "http", "https":
            guard let http else { throw FetchError.unsupportedScheme(request.url.scheme ?? "") }
            return try await http.fetch(request)
        default: throw FetchError.unsupportedScheme(request.url.scheme ?? "")
        }
    }
}
