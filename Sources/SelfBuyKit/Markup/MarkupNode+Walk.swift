import CLibXML2

/// Tree walks for the fixed queries every feed needs, without XPath: `//item | //rss:item` evaluated by libxml2 walks the
/// tree twice and sorts the union, a cost on the order of reading every item's fields.
extension MarkupNode {
    /// Descendant elements (this node excluded) with this local name in one of `namespaces`, in document order.
    func descendants(_ name: String, in namespaces: [String?]) -> [MarkupNode] {
        var found: [MarkupNode] = []
        walk { node in
            if Self.namespaceIndex(node, name, in: namespaces) != nil {
                found.append(MarkupNode(document: document, pointer: node))
            }
            return .descend
        }
        return found
    }

    /// The first child named `name` of the first element named `parent` (in document order) that has one, parent and
    /// child in the same one of `namespaces`; elements named `skipping` are not looked into. With `("title", parent:
    /// "channel", skipping: "item")` this is `//channel/title | //rss:channel/rss:title` without walking every item.
    func firstDescendant(_ name: String, parent: String, skipping: String, in namespaces: [String?]) -> MarkupNode? {
        var found: MarkupNode?
        walk { node in
            guard let namespace = Self.namespaceIndex(node, parent, in: namespaces) else {
                return Self.namespaceIndex(node, skipping, in: namespaces) == nil ? .descend : .skip
            }
            var child = node.pointee.children
            while let current = child {
                if Self.namespaceIndex(current, name, in: namespaces) == namespace {
                    found = MarkupNode(document: document, pointer: current)
                    return .stop
                }
                child = current.pointee.next
            }
            return .descend
        }
        return found
    }

    private enum Step { case descend, skip, stop }

    /// Visits the element descendants in document order, iteratively (no recursion however deep the tree), looking
    /// into an element unless `visit` says to skip it, until `visit` says to stop.
    private func walk(_ visit: (xmlNodePtr) -> Step) {
        var current = pointer.pointee.children
        while let node = current {
            if node.pointee.type == XML_ELEMENT_NODE {
                let step = visit(node)
                if step == .stop { return }
                if step == .descend, let child = node.pointee.children {
                    current = child
                    continue
                }
            }
            var next: xmlNodePtr? = node
            current = nil
            while let climbing = next, climbing != pointer {
                if let sibling = climbing.pointee.next {
                    current = sibling
                    break
                }
                next = climbing.pointee.parent
            }
        }
    }

    /// Which of `namespaces` (nil standing for no namespace) an element with this local name is in; nil when the node
    /// is not such an element.
    private static func namespaceIndex(_ node: xmlNodePtr, _ name: String, in namespaces: [String?]) -> Int? {
        guard node.pointee.type == XML_ELEMENT_NODE, let raw = node.pointee.name, equals(raw, name) else { return nil }
        let href = node.pointee.ns?.pointee.href
        return namespaces.firstIndex { namespace in
            guard let namespace else { return href == nil }
            return href.map { equals($0, namespace) } ?? false
        }
    }

    /// Compares a libxml2 string with a Swift one byte by byte (passing a short Swift string where C wants a pointer
    /// would copy it to the heap on every call).
    static func equals(_ raw: UnsafePointer<xmlChar>, _ string: String) -> Bool {
        var index = 0
        for byte in string.utf8 {
            guard raw[index] == byte else { return false }
            index += 1
        }
        return raw[index] == 0
    }
}
