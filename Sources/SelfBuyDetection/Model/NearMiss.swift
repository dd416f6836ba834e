/// A sentence that looked like a self-purchase but gave no pledge, and why: nothing is dropped without a trace a
/// researcher can audit.
public struct NearMiss: Sendable, Hashable {
    public var reason: String
    /// The issuer the sentence names, when it names one.
    public var issuer: String?
    public var evidence: Evidence

    public init(reason: String, issuer: String?, evidence: Evidence) {
        self.reason = reason
        self.issuer = issuer
        self.evidence = evidence
    }
}

/// What the detector found in a document: its pledges and its near misses.
public struct Detection: Sendable, Hashable {
    public var pledges: [Pledge]
    public var nearMisses: [NearMiss]

    public init(pledges: [Pledge], nearMisses: [NearMiss]) {
        self.pledges = pledges
        self.nearMisses = nearMisses
    }
}
