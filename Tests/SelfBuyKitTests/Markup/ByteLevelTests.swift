import Foundation
import Testing

@testable import SelfBuyKit

/// The byte-level fast paths of the reading stage agree with the slow, obvious definitions.
@Suite("Byte-level fast paths")
struct ByteLevelTests {
    static let samples: [[UInt8]] = {
        var samples: [[UInt8]] = [
            [], Array("plain ascii, longer than eight bytes".utf8), Array("华泰证券资管运用不超过3200万元".utf8),
            Array("emoji 😀 and 𠀀 (four bytes)".utf8), Array("é ü ß".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80],
            [0xE4, 0xB8], [0xE4], [0x80], [0xBF, 0x41], [0xE4, 0x41, 0x80], [0xE4, 0xB8, 0x41],
            Array("abcdefg".utf8) + [0xE4, 0xB8, 0xAD] + Array("hijklmnop".utf8) + [0xFF],
        ]
        // Seeded random mixtures of valid text and stray bytes, at every alignment.
        var generator = SplitMix(seed: 7)
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("中".utf8), Array("é".utf8), Array("😀".utf8), [0x80], [0xE4, 0xB8], [0xFF],
            [0xED, 0xA0, 0x80],
        ]
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<24, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            samples.append(bytes)
        }
        return samples
    }()

    @Test("UTF-8 validation agrees with the standard library on valid, overlong, surrogate and cut-off sequences")
    func validationAgreesWithStandardLibrary() {
        for sample in Self.samples {
            let expected = sample.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
            #expect(UTF8Validation.isValid(sample) == expected, "\(sample)")
        }
    }

    @Test("a document is binary for many control characters in its first 64 KB, not for line breaks or a stray NUL")
    func binarySniffing() {
        let text = Array(String(repeating: "第一行\r\n\tsecond line\n", count: 500).utf8)
        #expect(!SourceReader.looksBinary(text))
        #expect(!SourceReader.looksBinary(Array(text[..<1001]) + [0] + Array(text[1001...])))
        #expect(SourceReader.looksBinary(Array(text[..<1001]) + Array(repeating: 0, count: 300)))
        #expect(!SourceReader.looksBinary(Array(repeating: 0x41, count: 70 * 1024) + [0]))
        let controls = (0..<4000).map { $0 % 200 == 0 ? UInt8(0x01) : UInt8(0x41) }
        #expect(!SourceReader.looksBinary(controls))
        let dense = (0..<4000).map { $0 % 20 == 0 ? UInt8(0x7F) : UInt8(0x41) }
        #expect(SourceReader.looksBinary(dense))
        #expect(SourceReader.looksBinary([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]))
    }

    @Test(
        "bare ampersands are escaped outside CDATA only, HTML entities become references",
        arguments: [
            ("<a>AT&T</a>", "<a>AT&amp;T</a>"),
            ("<a>&amp; &#20013; &#x4e2d; &lt;</a>", "<a>&amp; &#20013; &#x4e2d; &lt;</a>"),
            ("<a><![CDATA[x & y]]> & z</a>", "<a><![CDATA[x & y]]> &amp; z</a>"),
            ("<a><![CDATA[x & y]]><![CDATA[&]]></a>", "<a><![CDATA[x & y]]><![CDATA[&]]></a>"),
            ("<a>&nbsp;&mdash;&bogus;</a>", "<a>&#160;&#8212;&amp;bogus;</a>"),
            ("<a><![CDATA[never closed & so on", "<a><![CDATA[never closed & so on"),
            ("<a>tail &", "<a>tail &amp;"),
        ])
    func ampersandRepair(input: String, expected: String) {
        #expect(String(decoding: XMLRepair.repair(Array(input.utf8)), as: UTF8.self) == expected)
    }

    @Test(
        "white space folds around CJK, full-width and four-byte characters as before",
        arguments: [
            ("自购\n计划", "自购计划"),
            ("自购\u{3000}计划", "自购 计划"),
            ("自购\u{A0}\u{2028}计划", "自购 计划"),
            ("𠀀\n𠀁", "𠀀𠀁"),
            ("😀\n😀", "😀 😀"),
            ("，\n。", "，。"),
            ("Ａ\nＢ", "ＡＢ"),
            ("a\u{1680}b\u{205F}c\u{200B}d", "a b c\u{200B}d"),
            ("  前后空白  ", "前后空白"),
        ])
    func whiteSpaceFolding(text: String, expected: String) {
        #expect(FragmentText.render(text) == expected)
    }
}

/// A small deterministic generator (SplitMix64) for repeatable random samples.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
