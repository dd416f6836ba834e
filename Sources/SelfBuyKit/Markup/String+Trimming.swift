extension StringProtocol {
    /// The text without leading and trailing white space; pure Swift, avoiding Foundation's NSString bridge on hot
    /// paths (it was a sixth of all parse time), and slicing by index so the kept text is copied as UTF-8 at once.
    var trimmedWhitespace: String {
        // Common case first: text that starts and ends with a visible ASCII character needs no trimming.
        let scalars = unicodeScalars
        if let first = scalars.first?.value, let last = scalars.last?.value, (0x21..<0x7F).contains(first),
            (0x21..<0x7F).contains(last)
        {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        return String(self[first...last])
    }
}
