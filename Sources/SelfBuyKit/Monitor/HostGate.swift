import Foundation

/// At most one request in flight per host, and a minimum gap between two requests to it.
actor HostGate {
    let gap: TimeInterval
    let clock: @Sendable () -> Date
    private var nextAllowed: [String: Date] = [:]
    private var busy: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(gap: TimeInterval, clock: @escaping @Sendable () -> Date) {
        self.gap = gap
        self.clock = clock
    }

    /// Runs a request to `host` in turn; local files (no host) are not throttled.
    func run<T: Sendable>(host: String, _ body: @Sendable () async throws -> T) async throws -> T {
        if host.isEmpty { return try await body() }
        await acquire(host)
        if let allowed = nextAllowed[host] {
            let wait = allowed.timeIntervalSince(clock())
            if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
        }
        defer { release(host) }
        return try await body()
    }

    private func acquire(_ host: String) async {
        if !busy.contains(host) {
            busy.insert(host)
            return
        }
        await withCheckedContinuation { continuation in waiters[host, default: []].append(continuation) }
    }

    private func release(_ host: String) {
        nextAllowed[host] = clock().addingTimeInterval(gap)
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue
            next.resume()
        } else {
            busy.remove(host)
        }
    }
}
