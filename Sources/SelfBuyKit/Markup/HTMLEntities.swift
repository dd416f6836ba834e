/// HTML5 character references: the 2,231 named ones of WHATWG's table (generated into `HTMLEntities+Table.swift` by
/// `scripts/make-html-tables.py`) and numeric ones mapped as the HTML tokenizer maps them.
enum HTMLEntities {
    /// The characters of each name; names with a semicolon, plus the legacy names HTML also reads without one.
    static let table: [String: String] = {
        var table: [String: String] = [:]
        table.reserveCapacity(2300)
        for line in source.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            table[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        return table
    }()

    /// The longest legacy name (`amp`, `eacute`, `frac12`), in bytes.
    static let longestLegacyName = 6

    /// The characters `&name;` stands for; `name` is given without the ampersand and the semicolon.
    static func characters(named name: String) -> String? {
        table[name + ";"]
    }

    /// The characters a legacy name written without its semicolon stands for (`&copy 2025`).
    static func legacyCharacters(named name: String) -> String? {
        name.utf8.count <= longestLegacyName ? table[name] : nil
    }

    /// What a numeric reference stands for, as HTML reads it: C1 code points are the windows-1252 characters that
    /// text declared Latin-1 really meant (`&#146;` is ’), NUL, surrogates and values beyond Unicode are U+FFFD.
    static func scalar(forReference value: UInt32) -> Unicode.Scalar {
        if value >= 0x80, value <= 0x9F, let mapped = windows1252[Int(value - 0x80)], mapped != 0 {
            return Unicode.Scalar(mapped) ?? "\u{FFFD}"
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    /// Characters 0x80–0x9F of windows-1252; 0 where the code page leaves the byte undefined (it then stays the C1
    /// control, as HTML says).
    private static let windows1252: [UInt32?] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    /// Reads a reference whose name or digits run from `start` (just past the `&`); returns where it ends and what
    /// it stands for, or nil when the text there is no reference HTML would read.
    ///
    /// Numeric references take decimal digits or `x`/`X` and hex digits, their semicolon optional; named references
    /// need their semicolon except the legacy names, which are read without one when no letter, digit or `=` follows
    /// (so `?a=1&copy=2` in a URL stays as written).
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, characters: String)? {
        let count = bytes.count
        guard start < count else { return nil }
        if bytes[start] == UInt8(ascii: "#") {
            var index = start + 1
            let hex = index < count && bytes[index] | 0x20 == UInt8(ascii: "x")
            if hex { index += 1 }
            let digitsStart = index
            var value: UInt32 = 0
            while index < count, let digit = digitValue(bytes[index], hex: hex) {
                value = value > 0x10FFFF ? value : value &* (hex ? 16 : 10) &+ UInt32(digit)
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < count, bytes[index] == UInt8(ascii: ";") { index += 1 }
            return (index, String(Character(scalar(forReference: value))))
        }
        var index = start
        while index < count, index - start < 32, isAlphanumeric(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if index < count, bytes[index] == UInt8(ascii: ";"), let characters = characters(named: name) {
            return (index + 1, characters)
        }
        // The longest legacy name the letters start with, followed by neither a name character nor `=`.
        var length = min(index - start, longestLegacyName)
        while length >= 2 {
            let end = start + length
            if end == count || !(isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "=")),
                let characters = legacyCharacters(named: String(name.utf8.prefix(length))!)
            {
                return (end, characters)
            }
            length -= 1
        }
        return nil
    }

    @inline(__always)
    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt8? {
        if byte >= 0x30, byte <= 0x39 { return byte - 0x30 }
        guard hex else { return nil }
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") ? lower - UInt8(ascii: "a") + 10 : nil
    }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }
}
