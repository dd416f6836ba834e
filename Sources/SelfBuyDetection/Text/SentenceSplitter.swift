/// A sentence of the input with its code-point offsets.
public struct Sentence: Sendable, Hashable {
    /// Offsets into the whole input, `end` exclusive; the terminator (。！？；) is included.
    public var start: Int
    public var end: Int

    public var range: Range<Int> { start..<end }
}

/// Splits text into sentences at 。！？； (and their ASCII forms) and at line breaks, never inside quotes or brackets;
/// enumerations joined by 、 and clauses joined by ， stay in one sentence.
public enum SentenceSplitter {
    /// 。！？； and their ASCII forms (a switch: hashing every scalar of a document is the expensive way).
    @inline(__always)
    static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "；", "!", "?", ";": return true
        default: return false
        }
    }

    /// The closing bracket or quote of an opening one.
    @inline(__always)
    static func closer(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "“": return "”"
        case "「": return "」"
        case "『": return "』"
        case "（": return "）"
        case "(": return ")"
        case "【": return "】"
        case "《": return "》"
        case "‘": return "’"
        case "〔": return "〕"
        default: return nil
        }
    }
    /// Every scalar the splitter acts on: line breaks, terminators, the brackets and quotes of ``closer(of:)`` and their
    /// closers. Any other scalar is passed over after one bit test, a branch that rarely mispredicts (a range test
    /// for the ideographs mispredicted on every digit, letter and comma of mixed text).
    static let structural = ScalarBits("\n\r。！？；!?;“”「」『』（）()【】《》‘’〔〕\"")

    /// A bracket left open longer than this stops protecting its content, so one stray quote cannot swallow a page.
    static let maximumProtectedLength = 300

    public static func split(_ text: Scalars) -> [Sentence] {
        var sentences: [Sentence] = []
        // News sentences run to some 40 scalars: room for most documents' sentences at once, instead of growing the
        // array from one element in a dozen copies.
        sentences.reserveCapacity(text.count / 32 + 4)
        var start = 0
        var expectedClosers: [Unicode.Scalar] = []
        var openedAt = 0
        var index = 0

        func emit(_ end: Int) {
            var lower = start
            var upper = end
            while lower < upper, isSpace(text[lower]) { lower += 1 }
            while upper > lower, isSpace(text[upper - 1]) { upper -= 1 }
            if upper > lower { sentences.append(Sentence(start: lower, end: upper)) }
            start = end
        }

        let structural = Self.structural
        while index < text.count {
            let scalar = text[index]
            guard structural.contains(scalar) else {
                index += 1
                continue
            }
            if scalar == "\n" || scalar == "\r" {
                expectedClosers.removeAll()
                emit(index)
                start = index + 1
            } else if let closer = closer(of: scalar) {
                if expectedClosers.isEmpty { openedAt = index }
                expectedClosers.append(closer)
            } else if let last = expectedClosers.last, scalar == last {
                expectedClosers.removeLast()
            } else if scalar == "\"" {
                expectedClosers.append("\"")
                openedAt = index
            } else if isTerminator(scalar) {
                if !expectedClosers.isEmpty, index - openedAt > maximumProtectedLength { expectedClosers.removeAll() }
                if expectedClosers.isEmpty {
                    var end = index + 1
                    while end < text.count, isTerminator(text[end]) || text[end] == "”" || text[end] == "」" {
                        end += 1
                    }
                    emit(end)
                    index = end
                    continue
                }
            }
            index += 1
        }
        emit(text.count)
        return sentences
    }

    /// Unicode's White_Space property (U+3000 included), as a switch over its fixed list of 25 scalars: asking
    /// `Unicode.Scalar.Properties` looks the scalar up in the standard library's property tables each time. A test
    /// compares the two over every scalar.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: return true
        case 0..<0x80: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
