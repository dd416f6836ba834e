/// Why the timeline cannot be used.
public enum TimelineError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case newerSchema(path: String)
    case unreadable(path: String, reason: String)
    /// A read or write of an open timeline failed: a damaged file, a full disk.
    case storage(path: String, reason: String)
    case noSuchEvent(String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no timeline here yet; fill it with `selfbuy poll` or `selfbuy ingest SOURCE`"
        case .newerSchema(let path):
            return "\(path): written by a newer selfbuy (unknown schema version); refusing to read or change it"
        case .unreadable(let path, let reason), .storage(let path, let reason): return "\(path): \(reason)"
        case .noSuchEvent(let id): return "no event with id \(id)"
        }
    }
}
