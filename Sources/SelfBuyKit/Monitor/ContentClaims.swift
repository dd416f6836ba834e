import Foundation

/// The content hashes that sources in flight in an ``IngestPipeline`` hold, each with the first (in input order)
/// source holding it: a later source that holds the same text need not detect it, since the earlier one is recorded
/// first and the later one's copy would be found stored. A recorded source's hashes count as free at once (the
/// timeline has them then) and leave the table once it holds ``retained`` hashes, so that it stays bounded whatever the
/// run's length; forgetting them as each transaction was recorded cost the writer about 2 % of a bulk ingest's CPU.
final class ContentClaims: @unchecked Sendable {
    private let lock = NSLock()
    private var first: [ContentKey: Int] = [:]
    /// The hashes each source in flight was given, by its index, so that a recorded source's are forgotten one by one.
    private var given: [Int: [ContentKey]] = [:]
    /// Sources up to this one are recorded: a hash one of them holds counts as free even before it is forgotten.
    private var recordedThrough = Int.min
    /// Hashes forgotten under one holding of the lock: forgetting a full table's at once (thousands) held it for
    /// milliseconds while both cores waited to claim.
    static let forgottenAtOnce = 256
    /// Hashes the table may hold before recorded sources' are forgotten (a few MB by default).
    let retained: Int

    init(retained: Int = 32_768) {
        self.retained = retained
    }

    /// Hashes the table holds (tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return first.count
    }

    /// Records that source `index` holds `hashes`; returns for each whether a source before it holds the same.
    func claim(_ hashes: [String], by index: Int) -> [Bool] {
        let keys = hashes.map(ContentKey.init)
        lock.lock()
        defer { lock.unlock() }
        return keys.map { key in
            if let holder = first[key], holder > recordedThrough, holder < index { return true }
            first[key] = index
            given[index, default: []].append(key)
            return false
        }
    }

    /// Frees the hashes of sources up to `index`, which are recorded, and forgets them once the table is full.
    func release(through index: Int) {
        lock.lock()
        recordedThrough = max(recordedThrough, index)
        guard first.count >= retained else {
            lock.unlock()
            return
        }
        let watermark = recordedThrough
        let released = given.keys.filter { $0 <= watermark }.compactMap { given.removeValue(forKey: $0) }
        lock.unlock()
        // A few hundred at a time: a claim in between finds the others free already (above).
        for keys in released {
            var start = 0
            while start < keys.count {
                let end = min(keys.count, start + Self.forgottenAtOnce)
                lock.lock()
                // A hash a source not yet recorded took over since stays its own.
                for key in keys[start..<end] where first[key].map({ $0 <= watermark }) == true {
                    first.removeValue(forKey: key)
                }
                lock.unlock()
                start = end
            }
        }
    }
}
