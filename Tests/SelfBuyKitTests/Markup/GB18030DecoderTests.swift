import Foundation
import Testing

@testable import SelfBuyKit

/// The table-driven GB18030 decoder gives what iconv alone gives, byte for byte, replacements included.
@Suite("GB18030 decoder")
struct GB18030DecoderTests {
    /// What decoding through iconv alone gives (the decoder's definition).
    static func iconvAlone(_ bytes: [UInt8]) -> ([UInt8], Int) {
        TextDecoder.decodeWithIconv(bytes, charset: .gb18030)
    }

    @Test("every two-byte sequence, alone, after ASCII and before ASCII, decodes as iconv decodes it")
    func everyPair() throws {
        var bytes: [UInt8] = []
        for lead in UInt8(0x81)...0xFE {
            for trail in UInt8(0x40)...0xFE { bytes += [lead, trail, 0x41] }
        }
        let decoded = try #require(GB18030Decoder.decode(bytes))
        let expected = Self.iconvAlone(bytes)
        #expect(decoded.utf8 == expected.0)
        #expect(decoded.replacements == expected.1)
        #expect(try #require(GB18030Decoder.table).filter { $0 != 0 }.count > 20_000)
    }

    @Test(
        "four-byte sequences, stray bytes, cut-off sequences and invalid trails decode as iconv decodes them",
        arguments: [
            [0x81, 0x30, 0x81, 0x30], [0x95, 0x32, 0x82, 0x36], [0xE3, 0x32, 0x9A, 0x35], [0x84, 0x31, 0xA4, 0x39],
            [0x80], [0xFF], [0xD6], [0xD6, 0x7F], [0xD6, 0x20], [0xD6, 0x30], [0xD6, 0x30, 0x81],
            [0xD6, 0x30, 0x20, 0x30],
            [0x81, 0x30, 0x81], [0xFE, 0xFE], [0xA1, 0x40], [0xA2, 0xE3], [0xD6, 0xD0, 0xCE, 0xC4],
        ] as [[UInt8]])
    func awkwardSequences(_ sequence: [UInt8]) throws {
        for bytes in [sequence, Array("a".utf8) + sequence + Array("b".utf8), sequence + [0xD6, 0xD0]] {
            let decoded = try #require(GB18030Decoder.decode(bytes))
            let expected = Self.iconvAlone(bytes)
            #expect(decoded.utf8 == expected.0, "\(bytes)")
            #expect(decoded.replacements == expected.1, "\(bytes)")
        }
    }

    @Test("seeded random mixtures of text, four-byte characters and faults decode as iconv decodes them")
    func randomMixtures() {
        var generator = SplitMix(seed: 18030)
        let text = Array("基金公司自购 fund, 2025年8月".data(using: String.Encoding(rawValue: 0x8000_0632))!)
        let pieces: [[UInt8]] = [
            text, [0x41], [0x0A], [0x81, 0x30, 0x81, 0x30], [0x95, 0x32, 0x82, 0x36], [0x80], [0xFF], [0xD6],
            [0x81, 0x30], [0xD6, 0x7F], [0xA1, 0xA1],
        ]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            let expected = Self.iconvAlone(bytes)
            // Text of many faults outgrows the first buffer: TextDecoder then decodes through iconv alone.
            if let decoded = GB18030Decoder.decode(bytes) {
                #expect(decoded.utf8 == expected.0, "\(bytes)")
                #expect(decoded.replacements == expected.1, "\(bytes)")
            }
            let viaDecoder = TextDecoder.decodeToUTF8(bytes, as: .gb18030)
            #expect(viaDecoder.0 == expected.0, "\(bytes)")
            #expect(viaDecoder.1 == expected.1, "\(bytes)")
        }
    }

    @Test("a run of invalid bytes, whose replacements outgrow the first buffer, still decodes in full")
    func manyReplacements() {
        let bytes =
            [UInt8](repeating: 0xFF, count: 1000) + Array("尾".data(using: String.Encoding(rawValue: 0x8000_0632))!)
        #expect(GB18030Decoder.decode(bytes) == nil)
        let decoded = TextDecoder.decodeToUTF8(bytes, as: .gb18030)
        #expect(decoded.1 == 1000)
        #expect(String(decoding: decoded.0, as: UTF8.self).hasSuffix("尾"))
    }

    @Test("ASCII runs of every length around the eight-byte word copy, between characters and faults, decode as iconv")
    func asciiRunsAroundWords() throws {
        let character = Array("基".data(using: String.Encoding(rawValue: 0x8000_0632))!)
        let neighbours: [[UInt8]] = [character, [0xFF], [0xD6], [0x81, 0x30, 0x81, 0x30], []]
        for before in neighbours {
            for after in neighbours {
                for length in 0...25 {
                    let bytes = before + [UInt8](repeating: 0x61, count: length) + after + Array("<p>".utf8)
                    let decoded = try #require(GB18030Decoder.decode(bytes))
                    let expected = Self.iconvAlone(bytes)
                    #expect(decoded.utf8 == expected.0, "\(bytes)")
                    #expect(decoded.replacements == expected.1, "\(bytes)")
                }
            }
        }
    }
}
