import Foundation

/// The content hashes that sources in flight in an ``IngestPipeline`` hold, each with the first (in input order)
/// source holding it: a later source that holds the same text need not detect it, since the earlier one is recorded
/// first and the later one's copy would be found stored. Hashes leave once recorded (the timeline has them then), so
/// the table stays as small as the sources in flight.
final class ContentClaims: @unchecked Sendable {
    private let lock = NSLock()
    private var first: [ContentKey: Int] = [:]
    /// The hashes each source in flight was given, by its index: a recorded source's are forgotten one by one, where
    /// rebuilding the whole table (about 8,000 hashes after a transaction of a bulk ingest) held the lock for
    /// milliseconds while both cores waited to claim.
    private var given: [Int: [ContentKey]] = [:]

    /// Records that source `index` holds `hash`; returns whether a source before it holds the same.
    func claim(_ hash: String, by index: Int) -> Bool {
        let key = ContentKey(hash)
        lock.lock()
        defer { lock.unlock() }
        if let holder = first[key], holder < index { return true }
        first[key] = index
        given[index, default: []].append(key)
        return false
    }

    /// Forgets the hashes of sources up to `index`, which are recorded.
    func release(through index: Int) {
        lock.lock()
        var released: [[ContentKey]] = []
        for source in given.keys.filter({ $0 <= index }) {
            guard let keys = given.removeValue(forKey: source) else { continue }
            // A hash an earlier source took over since is that source's to forget, or is gone already.
            for key in keys where first[key].map({ $0 <= index }) == true { first.removeValue(forKey: key) }
            released.append(keys)
        }
        lock.unlock()
        // The lists are freed after the lock is let go.
        withExtendedLifetime(released) {}
    }
}
