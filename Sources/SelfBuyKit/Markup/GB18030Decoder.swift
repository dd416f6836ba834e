#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GB18030 to UTF-8 through a table of its two-byte characters, with iconv for everything else: exactly what
/// ``TextDecoder`` decoding through iconv alone gives, at a fraction of the cost.
///
/// glibc's iconv converts GB18030 in two steps, through UCS-4, and that cost more than libxml2's parse of the text.
/// But a Chinese document is ASCII and two-byte characters (lead byte 0x81–0xFE, trail byte 0x40–0xFE but 0x7F) almost
/// throughout, and GB18030 is stateless: at a character boundary, an ASCII byte is itself and a two-byte character is
/// what iconv makes of that pair alone. The table is iconv's own answer for each of the 23,940 pairs, asked once per
/// process, so the two cannot disagree. Anything else (four-byte sequences, invalid bytes) goes through iconv one
/// character at a time, and invalid sequences are replaced as ``TextDecoder`` replaces them.
enum GB18030Decoder {
    /// Decodes GB18030 bytes; nil when the table could not be built or the output would outgrow its first buffer (text
    /// with many invalid bytes, each of which becomes three), for the caller to decode through iconv alone.
    static func decode(_ bytes: [UInt8]) -> (utf8: [UInt8], replacements: Int)? {
        guard let table else { return nil }
        var replacements = 0
        var converter: iconv_t?
        defer { if let converter { iconv_close(converter) } }
        var complete = false
        // Two-byte characters make three bytes of UTF-8 at most, four-byte ones four: only replacements grow more.
        let capacity = bytes.count / 2 * 3 + 16
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            written = 0
            // The table without a bounds check per character: every index made below is within it (see `entry`).
            table.withUnsafeBufferPointer { table in
                bytes.withUnsafeBufferPointer { input in
                    guard let base = input.baseAddress, let target = out.baseAddress else {
                        complete = input.isEmpty
                        return
                    }
                    let count = input.count
                    var index = 0
                    while index < count {
                        // Eight ASCII bytes (the markup between Chinese text) copied as one word. In bounds: eight bytes
                        // from `index` end by `count`, and eight from `written` by `capacity`. The room asked for is
                        // what the step-by-step guard below would have asked before the eighth byte, so the decoder
                        // gives up (returns nil) exactly where it did byte by byte.
                        if index &+ 8 <= count, written &+ 11 <= capacity {
                            let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 == 0 {
                                UnsafeMutableRawPointer(target).storeBytes(
                                    of: word, toByteOffset: written, as: UInt64.self)
                                written &+= 8
                                index &+= 8
                                continue
                            }
                        }
                        // Room for the longest step: one character from iconv (at most 4 bytes) or a replacement (3).
                        guard written &+ 4 <= capacity else { return }
                        let lead = base[index]
                        if lead < 0x80 {
                            target[written] = lead
                            written &+= 1
                            index &+= 1
                            continue
                        }
                        if lead >= 0x81, lead <= 0xFE, index &+ 1 < count {
                            let trail = base[index &+ 1]
                            if trail >= 0x40, trail <= 0xFE {
                                // At most (0xFE − 0x81) × trailCount + (0xFE − 0x40), the table's last slot.
                                let entry = table[Int(lead &- 0x81) &* trailCount &+ Int(trail &- 0x40)]
                                if entry != 0 {
                                    target[written] = UInt8(truncatingIfNeeded: entry)
                                    target[written &+ 1] = UInt8(truncatingIfNeeded: entry &>> 8)
                                    target[written &+ 2] = UInt8(truncatingIfNeeded: entry &>> 16)
                                    written &+= Int(entry &>> 24)
                                    index &+= 2
                                    continue
                                }
                            }
                        }
                        // One character through iconv: an output of four bytes stops it after one (E2BIG).
                        if converter == nil {
                            let opened = iconv_open("UTF-8", Charset.gb18030.iconvName)
                            guard opened != iconv_t(bitPattern: -1) else { return }
                            converter = opened
                        }
                        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base + index)
                            .assumingMemoryBound(to: CChar.self)
                        var inLeft = count - index
                        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target + written)
                            .assumingMemoryBound(to: CChar.self)
                        var outLeft = 4
                        let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                        let failure = result == -1 ? errno : 0
                        written += 4 - outLeft
                        // No progress for want of room would loop forever: iconv alone then decodes the document.
                        guard failure != E2BIG || count - inLeft > index else { return }
                        index = count - inLeft
                        if failure != 0, failure != E2BIG {
                            // EILSEQ, or EINVAL for a sequence cut off at the end: one U+FFFD per bad sequence.
                            guard written &+ 3 <= capacity else { return }
                            target[written] = 0xEF
                            target[written &+ 1] = 0xBF
                            target[written &+ 2] = 0xBD
                            written &+= 3
                            replacements += 1
                            index += TextDecoder.invalidSequenceLength(
                                input, at: index, charset: .gb18030, truncated: failure == EINVAL)
                            _ = iconv(converter, nil, nil, nil, nil)
                        }
                    }
                    complete = true
                }
            }
        }
        return complete ? (output, replacements) : nil
    }

    /// Trail bytes 0x40–0xFE: the table's row length (0x7F, never a trail byte, keeps its slot, empty).
    private static let trailCount = 0xFE - 0x40 + 1

    /// The UTF-8 of each two-byte character, indexed by (lead − 0x81) × ``trailCount`` + (trail − 0x40): up to three
    /// bytes, first byte lowest, and the length in the top byte; 0 for a pair iconv does not read as one character.
    /// Nil when iconv has no GB18030.
    static let table: [UInt32]? = {
        let converter = iconv_open("UTF-8", Charset.gb18030.iconvName)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var table = [UInt32](repeating: 0, count: (0xFE - 0x81 + 1) * trailCount)
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 10) { buffer in
            guard let pair = buffer.baseAddress else { return }
            let output = pair + 2
            for lead in 0x81...0xFE {
                for trail in 0x40...0xFE where trail != 0x7F {
                    pair[0] = CChar(bitPattern: UInt8(lead))
                    pair[1] = CChar(bitPattern: UInt8(trail))
                    var inPointer: UnsafeMutablePointer<CChar>? = pair
                    var inLeft = 2
                    var outPointer: UnsafeMutablePointer<CChar>? = output
                    var outLeft = 8
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    _ = iconv(converter, nil, nil, nil, nil)
                    let produced = 8 - outLeft
                    // One character of at most three bytes (every two-byte character is in the BMP), or nothing.
                    guard result != -1, inLeft == 0, produced >= 1, produced <= 3,
                        UInt8(bitPattern: output[0]) >= 0x80,
                        UTF8Characters.sequenceLength(UInt8(bitPattern: output[0])) == produced
                    else { continue }
                    var entry = UInt32(produced) << 24
                    for offset in 0..<produced { entry |= UInt32(UInt8(bitPattern: output[offset])) << (8 * offset) }
                    table[(lead - 0x81) * trailCount + (trail - 0x40)] = entry
                }
            }
        }
        return table
    }()
}
