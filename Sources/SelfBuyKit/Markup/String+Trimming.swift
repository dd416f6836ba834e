extension StringProtocol {
    /// The text without leading and trailing white space; pure Swift, avoiding Foundation's NSString bridge on hot
    /// paths (it was a sixth of all parse time).
    var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
