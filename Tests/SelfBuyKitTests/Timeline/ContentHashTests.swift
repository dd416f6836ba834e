import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Content hash")
struct ContentHashTests {
    func sha(_ bytes: [UInt8]) -> String { ContentHash.hex(ContentHash.sha256(bytes)) }

    @Test("SHA-256 matches the NIST example vectors and the padding edges")
    func nistVectors() {
        #expect(sha([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            sha(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            sha(
                Array(
                    ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                        + "mnopqrstnopqrstu").utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(
            sha([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Lengths around the 56-byte boundary, where the length spills into a second padding block.
        let edges = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            119: "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
            120: "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
        ]
        for (length, expected) in edges {
            #expect(sha([UInt8](repeating: 0x61, count: length)) == expected, "\(length) bytes")
        }
    }

    /// The identity timelines were written with: scalars with Unicode's White_Space property folded one by one.
    func scalarFolded(_ text: String) -> [UInt8] {
        var folded: [UInt8] = []
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace { folded.append(0x20) }
            pendingSpace = false
            folded.append(contentsOf: String(scalar).utf8)
        }
        return folded
    }

    func byteFolded(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { ContentHash.folded($0) }
    }

    @Test("folding on bytes treats every Unicode scalar as folding scalar by scalar did")
    func everyScalarFoldsAsBefore() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(scalar) + "b"
            if byteFolded(text) != scalarFolded(text) { mismatches.append(String(value, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.prefix(20).joined(separator: ", U+"))")
    }

    @Test("a hash stored by an earlier selfbuy is the hash of the same text today")
    func storedHashesStillMatch() {
        let text = "\u{3000} 华泰证券资管公告，\n\n拟运用\u{00A0}不超过3200万元\u{2003}自有资金\r\n投资旗下基金。\u{2028} "
        // Computed with the scalar-by-scalar folding of selfbuy before this change (and by Python's hashlib).
        #expect(ContentHash.ofText(text) == "af108a1afb277230b412185d4c488c9a107e89e03b06a9e240e2f8b0cdf6d47c")
        #expect(byteFolded(text) == scalarFolded(text))
        #expect(ContentHash.ofText("a  b\n c ") == ContentHash.ofText("a b c"))
        #expect(ContentHash.ofText("a b") != ContentHash.ofText("ab"))
    }

    @Test("white space cut short at the end of a text is text, not a crash")
    func truncatedSequences() {
        for bytes: [UInt8] in [[0x61, 0xC2], [0x61, 0xE2, 0x80], [0x61, 0xE3], [0xE1, 0x9A]] {
            let folded = bytes.withUnsafeBufferPointer { ContentHash.folded($0) }
            #expect(folded == bytes)
        }
    }

    @Test("white space folds the same at every place around the eight-byte blocks, multi-byte white space across two")
    func blockBoundaries() {
        let spaces = [" ", "\t", "\n", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2028}", "\u{205F}", "\u{3000}"]
        // Text whose lead bytes only look like white space to the eight-byte test: C2, E0–E3.
        let nearMisses = ["\u{80}", "\u{A1}", "\u{800}", "\u{1681}", "\u{200B}", "\u{2030}", "\u{3001}", "、"]
        for space in spaces + nearMisses {
            for position in 0...18 {
                for length in [position, position + 1, 17, 24] {
                    let text =
                        String(repeating: "a", count: position) + space + String(repeating: "基", count: 1)
                        + String(repeating: "b", count: length)
                    #expect(byteFolded(text) == scalarFolded(text), "\(Array(space.unicodeScalars)) at \(position)")
                }
            }
        }
    }

    @Test("random texts of white space, near misses and CJK fold as scalar by scalar (seeded: a failure repeats)")
    func randomTexts() {
        var generator = SplitMix(seed: 20_261_130)
        let pieces = [
            "a", "ab", "abcdefgh", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{1F}", "\u{85}", "\u{A0}", "\u{A1}",
            "\u{1680}", "\u{1681}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}",
            "\u{3001}", "基金", "，", "\u{800}", "\u{1F600}",
        ]
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(byteFolded(text) == scalarFolded(text), "\(Array(text.unicodeScalars))")
        }
    }
}
