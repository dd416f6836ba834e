import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The vocabularies a feed element can belong to, told apart by namespace URI: an element is read for what its
/// namespace says it is, never for its local name alone (`media:title`, `itunes:link` are not the item's title and
/// link).
enum FeedNamespace: Equatable {
    /// No namespace, RSS 1.0, RSS 0.90 or the UserLand RSS 2.0 namespaces: the core RSS elements.
    case rss
    /// Atom 1.0 or Atom 0.3.
    case atom
    case content
    case dublinCore
    case dublinCoreTerms
    case xhtml
    case rdf
    /// An extension selfbuy does not read (Media RSS, iTunes, anything else).
    case other

    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let userland = ["http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss"]
    static let rdfURI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    /// Namespaces whose `item` elements are RSS items (nil: none).
    static let rssURIs: [String?] = [nil, rss10, rss090] + userland
    /// Namespaces whose `entry` elements are Atom entries, the root `feed`'s own among them.
    static let atomURIs: [String?] = [atom10, atom03, nil]

    private static let table: [(String, FeedNamespace)] =
        [
            (atom10, .atom), (rss10, .rss), ("http://purl.org/rss/1.0/modules/content/", .content),
            ("http://purl.org/dc/elements/1.1/", .dublinCore), ("http://purl.org/dc/terms/", .dublinCoreTerms),
            (atom03, .atom), (rss090, .rss), ("http://www.w3.org/1999/xhtml", .xhtml), (rdfURI, .rdf),
        ]
        + userland.map { ($0, .rss) }

    /// The vocabulary of an element, from its namespace URI as libxml2 holds it (compared in place: no string is made
    /// per element).
    init(_ node: MarkupNode) {
        guard let href = node.pointer.pointee.ns?.pointee.href else {
            self = .rss
            return
        }
        self = .other
        for (uri, namespace) in Self.table where MarkupNode.equals(href, uri) {
            self = namespace
            return
        }
    }

    /// Whether two elements are in the same namespace (or both in none): an Atom entry's fields are in its own.
    static func same(_ node: MarkupNode, _ other: MarkupNode) -> Bool {
        let first = node.pointer.pointee.ns
        let second = other.pointer.pointee.ns
        if first == second { return true }
        guard let one = first?.pointee.href, let two = second?.pointee.href else { return false }
        return strcmp(one, two) == 0
    }

    /// The namespace URI of an element, for the few checks that need it whole.
    static func uri(of node: MarkupNode) -> String? {
        node.pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }
}

/// A document that is XML but none of the feed formats selfbuy reads.
public enum FeedFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownFormat(root: String, namespace: String?)

    public var description: String {
        switch self {
        case .unknownFormat(let root, let namespace):
            let within = namespace.map { " in namespace \($0)" } ?? ""
            return "not a feed: an XML document whose root element <\(root)>\(within) is none of RSS, RDF or Atom"
        }
    }
}
