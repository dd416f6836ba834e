import Foundation

/// The content hashes that sources in flight in an ``IngestPipeline`` hold, each with the first (in input order)
/// source holding it: a later source that holds the same text need not detect it, since the earlier one is recorded
/// first and the later one's copy would be found stored. Hashes leave once recorded (the timeline has them then), so
/// the table stays as small as the sources in flight.
final class ContentClaims: @unchecked Sendable {
    private let lock = NSLock()
    private var first: [ContentKey: Int] = [:]

    /// Records that source `index` holds `hash`; returns whether a source before it holds the same.
    func claim(_ hash: String, by index: Int) -> Bool {
        let key = ContentKey(hash)
        lock.lock()
        defer { lock.unlock() }
        if let holder = first[key], holder < index { return true }
        first[key] = index
        return false
    }

    /// Forgets the hashes of sources up to `index`, which are recorded.
    func release(through index: Int) {
        lock.lock()
        defer { lock.unlock() }
        first = first.filter { $0.value > index }
    }
}
