import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests and benchmarks: it answers scripted replies, including the faults
/// real servers produce (stalls, resets, endless bodies), and records every request it received.
public final class LoopbackServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lower-cased.
        public var headers: [String: String]
        public var body: [UInt8]
        public var receivedAt: Date
    }

    public enum Reply: Sendable {
        case respond(status: Int, headers: [(String, String)], body: [UInt8])
        /// Sends the status line and headers, then waits this long before closing without a body.
        case stall(status: Int, headers: [(String, String)], seconds: Double)
        /// Streams a body of `bytes` bytes (without Content-Length), until done or the client leaves.
        case stream(status: Int, headers: [(String, String)], bytes: Int)
        /// Sends headers promising `declared` bytes and part of the body, then resets the connection.
        case reset(status: Int, headers: [(String, String)], partialBody: [UInt8], declared: Int)

        public static func ok(
            _ body: String, contentType: String = "application/rss+xml; charset=utf-8", headers: [(String, String)] = []
        ) -> Reply {
            .respond(status: 200, headers: [("Content-Type", contentType)] + headers, body: Array(body.utf8))
        }
    }

    public let port: Int
    private let socket: Int32
    private let handler: @Sendable (Request) -> Reply
    private let lock = NSLock()
    private var log: [Request] = []
    private var running = true

    /// Starts listening on an ephemeral port of 127.0.0.1.
    public init(handler: @escaping @Sendable (Request) -> Reply) throws {
        self.handler = handler
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 256) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: actual.sin_port))
        socket = descriptor
        let thread = Thread { [weak self] in self?.acceptLoop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { stop() }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests received so far, in arrival order.
    public var requests: [Request] { lock.withLock { log } }

    public func stop() {
        let wasRunning = lock.withLock { () -> Bool in
            defer { running = false }
            return running
        }
        if wasRunning {
            shutdown(socket, Int32(SHUT_RDWR))
            close(socket)
        }
    }

    private func acceptLoop() {
        while lock.withLock({ running }) {
            let client = accept(socket, nil, nil)
            if client < 0 {
                if lock.withLock({ running }) { continue }
                return
            }
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [weak self] in self?.serve(client) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var pending: [UInt8] = []
        while true {
            guard let request = readRequest(client, buffer: &pending) else { return }
            lock.withLock { log.append(request) }
            let keepAlive = request.headers["connection"]?.lowercased() != "close"
            if !reply(handler(request), to: client, head: request.method == "HEAD") || !keepAlive { return }
        }
    }

    private func readRequest(_ client: Int32, buffer: inout [UInt8]) -> Request? {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if let end = headerEnd(buffer) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let requestLine = lines.removeFirst().split(separator: " ")
                guard requestLine.count >= 2 else { return nil }
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                        in: .whitespaces)
                }
                var bodyLength = Int(headers["content-length"] ?? "0") ?? 0
                buffer.removeFirst(end + 4)
                while buffer.count < bodyLength {
                    let received = recv(client, &chunk, chunk.count, 0)
                    if received <= 0 { bodyLength = buffer.count; break }
                    buffer.append(contentsOf: chunk[0..<received])
                }
                let body = Array(buffer.prefix(bodyLength))
                buffer.removeFirst(bodyLength)
                return Request(
                    method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body,
                    receivedAt: Date())
            }
            let received = recv(client, &chunk, chunk.count, 0)
            if received <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<received])
        }
    }

    private func headerEnd(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// Writes a reply; false when the connection must close afterwards.
    private func reply(_ reply: Reply, to client: Int32, head: Bool) -> Bool {
        switch reply {
        case .respond(let status, let headers, let body):
            var all = headers
            all.append(("Content-Length", String(body.count)))
            // One write for head and body: two small writes meet Nagle's algorithm and a 40 ms delayed ACK.
            return send(client, statusLine(status) + headerLines(all) + (head ? [] : body))
        case .stall(let status, let headers, let seconds):
            _ = send(client, statusLine(status) + headerLines(headers + [("Content-Length", "100")]))
            Thread.sleep(forTimeInterval: seconds)
            return false
        case .stream(let status, let headers, let bytes):
            guard send(client, statusLine(status) + headerLines(headers + [("Connection", "close")])) else {
                return false
            }
            let block = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
            var sent = 0
            while sent < bytes {
                let size = min(block.count, bytes - sent)
                if !send(client, Array(block[0..<size])) { return false }
                sent += size
            }
            return false
        case .reset(let status, let headers, let partialBody, let declared):
            _ = send(client, statusLine(status) + headerLines(headers + [("Content-Length", String(declared))]))
            _ = send(client, partialBody)
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            return false
        }
    }

    private func statusLine(_ status: Int) -> [UInt8] {
        let reasons = [
            200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 403: "Forbidden", 404: "Not Found",
            429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
        ]
        return Array("HTTP/1.1 \(status) \(reasons[status] ?? "Status")\r\n".utf8)
    }

    private func headerLines(_ headers: [(String, String)]) -> [UInt8] {
        Array((headers.map { "\($0): \($1)\r\n" }.joined() + "\r\n").utf8)
    }

    private func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}

/// A thread-safe counter, for scripted replies that change from one request to the next.
public final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    public init() {}

    /// The current count, then one more.
    public func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}
