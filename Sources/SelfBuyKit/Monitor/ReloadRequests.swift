import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Counts requests to reload the feed definitions — SIGHUP, as daemons conventionally treat it — so that the
/// polling loop can notice one between two checks without a signal handler touching its state.
public final class ReloadRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var source: (any DispatchSourceSignal)?

    public init() {}

    /// The number of requests so far.
    public var generation: Int { lock.withLock { count } }

    /// Records one request.
    public func request() { lock.withLock { count += 1 } }

    /// Makes signal `number` (SIGHUP by default) a reload request instead of its default action, which ends the process.
    public func listen(to number: Int32 = SIGHUP) {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { [weak self] in self?.request() }
        source.resume()
        lock.withLock { self.source = source }
    }
}
