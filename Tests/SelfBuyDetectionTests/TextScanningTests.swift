import Testing

@testable import SelfBuyDetection

/// The shortcuts of the whole-text passes (decoding, folding, splitting, keyword search) against the plain way.
@Suite("Text scanning shortcuts")
struct TextScanningTests {
    static let mixed = [
        "", "a", "基", "華夏基金擬運用固有資金5000萬元申購旗下基金。", "ASCII only, 1.5亿元; \"quoted\"",
        "é ß ü — “引号” 𠀀𪚥 emoji 🙂 and 〔括号〕", String(repeating: "自购", count: 37) + "x",
    ]

    @Test("scalars decodes every UTF-8 length like unicodeScalars", arguments: mixed)
    func decoding(text: String) {
        #expect(text.scalars == Array(text.unicodeScalars))
        var copy = text
        let continuations = copy.withUTF8 { String.continuationBytes($0) }
        #expect(continuations == text.utf8.filter { $0 & 0xC0 == 0x80 }.count)
    }

    @Test("decoding with folding gives the text as written and its fold, sharing storage when nothing changes")
    func foldedDecoding() {
        let folding = ScriptFolding(mapping: ["華": "华", "擬": "拟", "運": "运", "資": "资", "萬": "万", "購": "购"])
        for text in Self.mixed {
            let (original, folded) = folding.scalars(of: text)
            #expect(original == text.scalars)
            #expect(folded == folding.fold(text.scalars))
        }
        let simplified = folding.scalars(of: "华夏基金拟运用固有资金")
        let storage = { (scalars: Scalars) in scalars.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(storage(simplified.original) == storage(simplified.folded))
        #expect(folding.fold("華夏".scalars) == "华夏".scalars)
        #expect(ScriptFolding.identity.scalars(of: "華夏").folded == "華夏".scalars)
    }

    @Test("the splitter's structural set holds every scalar it acts on")
    func structuralScalars() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let acts =
                scalar == "\n" || scalar == "\r" || scalar == "\"" || SentenceSplitter.isTerminator(scalar)
                || SentenceSplitter.closer(of: scalar) != nil
                || "”」』）)】》’〕".unicodeScalars.contains(scalar)
            if acts { #expect(SentenceSplitter.structural.contains(scalar), "U+\(String(value, radix: 16))") }
        }
    }
}
