import Foundation

/// Dotted paths into decoded JSON (`data.results`, `data.fastNewsList`, `props.pageProps.list.0`): a component is an
/// object key, or an array index when it is a number.
public enum JSONPath {
    /// The value at `path` in `root`; the root itself for an empty path; nil when a step is missing.
    public static func value(at path: String, in root: Any) -> Any? {
        var current: Any = root
        for component in path.split(separator: ".", omittingEmptySubsequences: true) {
            if let object = current as? [String: Any] {
                guard let next = object[String(component)] else { return nil }
                current = next
            } else if let array = current as? [Any], let index = Int(component), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current is NSNull ? nil : current
    }

    /// A scalar as text: strings as they are, integral numbers without a fraction, booleans as `true`/`false`; nil for
    /// null, objects and arrays.
    public static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber:
            // A JSON `true` decodes as a boolean NSNumber (type code `c`), which `as? Int` would also accept.
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 1e17 { return String(Int64(double)) }
            return String(double)
        case let integer as Int: return String(integer)
        case let double as Double: return String(double)
        default: return nil
        }
    }

    /// Whether a path is well formed: non-empty components of letters, digits, `_`, `-`, `$` or `@`.
    public static func isValid(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("."), !path.hasSuffix("."), !path.contains("..") else { return false }
        return path.unicodeScalars.allSatisfy { scalar in
            scalar == "." || scalar == "_" || scalar == "-" || scalar == "$" || scalar == "@"
                || CharacterSet.alphanumerics.contains(scalar)
        }
    }
}
