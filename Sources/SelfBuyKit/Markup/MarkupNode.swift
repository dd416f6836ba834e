import CLibXML2
import Foundation

/// A node of a ``MarkupDocument``; it keeps its document alive and never outlives the parse that made it.
public struct MarkupNode {
    let document: MarkupDocument
    let pointer: xmlNodePtr

    /// The local name, lower-cased for HTML (`item`, `title`, `div`).
    public var name: String {
        guard let raw = pointer.pointee.name else { return "" }
        return String(knownValidUTF8: UnsafeBufferPointer(start: raw, count: strlen(raw)))
    }

    /// The namespace URI of an element, if any.
    public var namespaceURI: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The value of an attribute, for an element; an attribute node's own value for an attribute node.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { selfbuy_xmlFree(value) }
        return String(cString: value)
    }

    /// Element children in document order, read from the tree as they are iterated (no array per node).
    public var elementChildren: ElementChildren { ElementChildren(parent: self) }

    /// The element children of a node, as a sequence over libxml2's sibling links.
    public struct ElementChildren: Sequence {
        let parent: MarkupNode

        public func makeIterator() -> Iterator {
            Iterator(document: parent.document, upcoming: parent.pointer.pointee.children)
        }

        public struct Iterator: IteratorProtocol {
            let document: MarkupDocument
            var upcoming: xmlNodePtr?

            public mutating func next() -> MarkupNode? {
                while let current = upcoming {
                    upcoming = current.pointee.next
                    if current.pointee.type == XML_ELEMENT_NODE {
                        return MarkupNode(document: document, pointer: current)
                    }
                }
                return nil
            }
        }
    }

    /// Whether the node has an element among its children (markup, not just text).
    var hasElementChildren: Bool {
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return true }
            child = current.pointee.next
        }
        return false
    }

    /// The first element child with this local name (and namespace, when given).
    public func child(_ name: String, namespace: String? = nil) -> MarkupNode? {
        elementChildren.first { $0.name == name && (namespace == nil || $0.namespaceURI == namespace) }
    }

    /// All element children with this local name (and namespace, when given).
    public func children(_ name: String, namespace: String? = nil) -> [MarkupNode] {
        elementChildren.filter { $0.name == name && (namespace == nil || $0.namespaceURI == namespace) }
    }

    /// The concatenated text and CDATA under this node, without expanding entity references.
    ///
    /// Walking the tree instead of calling `xmlNodeGetContent` keeps a quadratic-blow-up document from materialising
    /// gigabytes of text.
    public var text: String {
        withText { String(knownValidUTF8: $0) }
    }

    /// Whether the node holds any text other than white space.
    var hasText: Bool { !withText(PlainText.isBlank) }

    /// Calls `body` with the UTF-8 bytes of ``text``, without copying them when the node holds a single text or
    /// CDATA node (a feed item's description, typically).
    func withText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let only = pointer.pointee.children, only.pointee.next == nil,
            only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE,
            let content = only.pointee.content
        {
            if only.pointee.type == XML_CDATA_SECTION_NODE,
                let result = document.cdata?.withSection(markedBy: content, body)
            {
                return result
            }
            return body(UnsafeBufferPointer(start: content, count: strlen(content)))
        }
        var bytes: [UInt8] = []
        Self.appendText(of: pointer, cdata: document.cdata, to: &bytes)
        return bytes.withUnsafeBufferPointer(body)
    }

    private static func appendText(of node: xmlNodePtr, cdata: CDATASections?, to bytes: inout [UInt8]) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content {
                if node.pointee.type == XML_CDATA_SECTION_NODE,
                    cdata?.withSection(markedBy: content, { bytes.append(contentsOf: $0) }) != nil
                {
                    return
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
            }
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE, XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
            var child = node.pointee.children
            while let current = child {
                appendText(of: current, cdata: cdata, to: &bytes)
                child = current.pointee.next
            }
        default:
            break
        }
    }

    /// Evaluates an XPath relative to this node.
    ///
    /// Prefixes `atom`/`a`, `rss`, `rdf`, `content`, `dc`, `dcterms`, `media` are registered for feed queries.
    /// - Throws: ``MarkupError/invalidXPath(_:)`` when the expression does not compile.
    public func select(_ expression: String) throws -> [MarkupNode] {
        try XPathQuery.evaluate(expression, document: document, node: pointer)
    }

    /// The text of the first node an XPath selects, trimmed; nil when it selects nothing.
    public func string(_ expression: String) throws -> String? {
        guard let first = try select(expression).first else { return nil }
        let value = first.text.trimmedWhitespace
        return value.isEmpty ? nil : value
    }
}

/// XPath evaluation with the namespace prefixes feeds need.
enum XPathQuery {
    static let namespaces: [(String, String)] = [
        ("a", "http://www.w3.org/2005/Atom"),
        ("atom", "http://www.w3.org/2005/Atom"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rss", "http://purl.org/rss/1.0/"),
        ("content", "http://purl.org/rss/1.0/modules/content/"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("media", "http://search.yahoo.com/mrss/"),
    ]

    static func evaluate(_ expression: String, document: MarkupDocument, node: xmlNodePtr?) throws -> [MarkupNode] {
        guard let context = xmlXPathNewContext(document.pointer) else { return [] }
        defer { xmlXPathFreeContext(context) }
        for (prefix, uri) in namespaces { xmlXPathRegisterNs(context, prefix, uri) }
        context.pointee.node = node
        let collector = DiagnosticCollector()
        let result = collector.collecting { xmlXPathEvalExpression(expression, context) }
        guard let result else { throw MarkupError.invalidXPath(expression) }
        defer { xmlXPathFreeObject(result) }
        let count = Int(selfbuy_xpathNodeSetCount(result))
        var nodes: [MarkupNode] = []
        nodes.reserveCapacity(count)
        for index in 0..<count {
            if let item = selfbuy_xpathNodeSetItem(result, Int32(index)) {
                nodes.append(MarkupNode(document: document, pointer: item))
            }
        }
        return nodes
    }

    /// Whether an expression compiles, for checking feed definitions without a document.
    static func compiles(_ expression: String) -> Bool {
        LibXML2.initialize()
        let collector = DiagnosticCollector()
        guard let compiled = collector.collecting({ xmlXPathCompile(expression) }) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }
}
