import Foundation
import SelfBuyDetection

/// An issuer as a user types it: a canonical name, a legal name, an alias, a part of one, or a short form that keeps
/// the name's first character and the order of its characters (华泰资管 finds 华泰证券资管 as well as 华泰资管).
public struct IssuerQuery: Sendable {
    public var text: String
    let directory: IssuerDirectory

    public init(_ text: String, directory: IssuerDirectory = .bundled) {
        self.text = text
        self.directory = directory
    }

    /// Whether an event's issuer answers to the query.
    public func matches(issuer: String, legalName: String) -> Bool {
        guard !text.isEmpty else { return true }
        var names = [issuer, legalName]
        if let known = directory.issuer(named: issuer) { names += [known.legalName] + known.aliases }
        if names.contains(where: { $0.contains(text) }) { return true }
        return Self.isShortForm(text, of: issuer)
    }

    /// `short` starts like `name` and its characters appear in `name` in the same order.
    static func isShortForm(_ short: String, of name: String) -> Bool {
        guard let first = short.first, name.first == first else { return false }
        var remaining = name[...]
        for character in short {
            guard let index = remaining.firstIndex(of: character) else { return false }
            remaining = remaining[remaining.index(after: index)...]
        }
        return true
    }
}
