import Foundation

/// A TOML value of the subset feed definitions use.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
    case table(TOMLTable)
}

/// A table with its keys in file order and the line each key was written on.
public struct TOMLTable: Sendable, Equatable {
    public var entries: [(key: String, value: TOMLValue, line: Int)] = []
    /// The line of the table's header (`[feed.html]`, `[[feed]]`).
    public var line: Int = 0

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key)
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.value == $1.value }
    }

    public subscript(key: String) -> TOMLValue? { entries.first { $0.key == key }?.value }
    public func line(of key: String) -> Int { entries.first { $0.key == key }?.line ?? line }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) throws {
        if entries.contains(where: { $0.key == key }) {
            throw TOMLError(line: line, message: "duplicate key \"\(key)\"")
        }
        try checkRoom(line: line)
        entries.append((key, value, line))
    }

    /// Refuses a key past ``TOMLParser/maximumEntries``: lookups are linear, so an unbounded table is quadratic.
    func checkRoom(line: Int) throws {
        guard entries.count < TOMLParser.maximumEntries else {
            throw TOMLError(line: line, message: "more than \(TOMLParser.maximumEntries) keys in one table")
        }
    }
}

public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Parses the TOML that feed definitions are written in: tables, arrays of tables, dotted headers, strings (basic and
/// literal), integers, floats, booleans and arrays (which may span lines). Errors name the line.
///
/// Hostile files are bounded: arrays nest at most ``maximumDepth`` deep, a key has at most ``maximumKeyParts`` parts
/// and ``maximumKeyLength`` characters, a table at most ``maximumEntries`` keys and an array of tables at most as many
/// tables, so parsing stays linear in the file and never recurses deeply.
public enum TOMLParser {
    /// Arrays inside arrays, at most.
    public static let maximumDepth = 32
    /// Parts of a dotted key or table header (`feed.json.params` has 3).
    public static let maximumKeyParts = 16
    /// Characters of a key or table header.
    public static let maximumKeyLength = 256
    /// Keys of one table, and tables of one `[[array]]`.
    public static let maximumEntries = 1000

    public static func parse(_ text: String) throws -> TOMLTable {
        var root = TOMLTable()
        var path: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let number = index + 1
            var line = stripComment(lines[index]).trimmingCharacters(in: .whitespaces)
            index += 1
            if line.isEmpty { continue }
            if line.hasPrefix("[[") {
                guard line.hasSuffix("]]") else { throw TOMLError(line: number, message: "unclosed [[table]] header") }
                path = try keyPath(String(line.dropFirst(2).dropLast(2)), line: number)
                try appendTable(&root, path: path, line: number)
                continue
            }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw TOMLError(line: number, message: "unclosed [table] header") }
                path = try keyPath(String(line.dropFirst().dropLast()), line: number)
                try withTable(&root, path: path, line: number, create: true) { _ in }
                continue
            }
            guard let equals = indexOfEquals(line) else {
                throw TOMLError(line: number, message: "expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var valueText = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // An array may continue over several lines until its brackets balance; only the new line is scanned.
            if valueText.hasPrefix("[") {
                var balance = BracketBalance()
                balance.scan(valueText)
                while !balance.balanced, index < lines.count {
                    let next = stripComment(lines[index]).trimmingCharacters(in: .whitespaces)
                    balance.scan(" " + next)
                    valueText += " " + next
                    index += 1
                }
            }
            line = valueText
            let keys = try keyPath(key, line: number)
            var parser = ValueParser(text: Array(line.unicodeScalars), line: number)
            let value = try parser.parseValue()
            try parser.expectEnd()
            try withTable(&root, path: path + keys.dropLast(), line: number, create: true) { table in
                try table.set(keys.last!, value, line: number)
            }
        }
        return root
    }

    static func stripComment(_ line: String) -> String {
        var inBasic = false
        var inLiteral = false
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if character == "\"", !inLiteral, previous != "\\" { inBasic.toggle() }
            if character == "'", !inBasic { inLiteral.toggle() }
            if character == "#", !inBasic, !inLiteral { return String(line.prefix(offset)) }
            previous = character
        }
        return line
    }

    static func indexOfEquals(_ line: String) -> String.Index? {
        var inQuotes = false
        for index in line.indices {
            if line[index] == "\"" { inQuotes.toggle() }
            if line[index] == "=", !inQuotes { return index }
        }
        return nil
    }

    static func bracketsBalance(_ text: String) -> Bool {
        var balance = BracketBalance()
        balance.scan(text)
        return balance.balanced
    }

    /// The bracket depth of an array's text read so far, outside strings.
    struct BracketBalance {
        var depth = 0
        var inString: Character?
        var balanced: Bool { depth == 0 }

        mutating func scan(_ text: String) {
            for character in text {
                if let quote = inString {
                    if character == quote { inString = nil }
                } else if character == "\"" || character == "'" {
                    inString = character
                } else if character == "[" {
                    depth += 1
                } else if character == "]" {
                    depth -= 1
                }
            }
        }
    }

    static func keyPath(_ text: String, line: Int) throws -> [String] {
        guard text.count <= maximumKeyLength else {
            throw TOMLError(line: line, message: "key longer than \(maximumKeyLength) characters")
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else {
            throw TOMLError(line: line, message: "invalid key \"\(text)\"")
        }
        guard parts.count <= maximumKeyParts else {
            throw TOMLError(line: line, message: "key of more than \(maximumKeyParts) dotted parts")
        }
        return parts
    }

    private static func appendTable(_ root: inout TOMLTable, path: [String], line: Int) throws {
        try withTable(&root, path: Array(path.dropLast()), line: line, create: true) { parent in
            let key = path.last!
            var fresh = TOMLTable()
            fresh.line = line
            if let position = parent.entries.firstIndex(where: { $0.key == key }) {
                guard case .array(var items) = parent.entries[position].value else {
                    throw TOMLError(line: line, message: "\"\(key)\" is not an array of tables")
                }
                guard items.count < maximumEntries else {
                    throw TOMLError(line: line, message: "more than \(maximumEntries) [[\(key)]] tables")
                }
                items.append(.table(fresh))
                parent.entries[position].value = .array(items)
            } else {
                try parent.checkRoom(line: line)
                parent.entries.append((key, .array([.table(fresh)]), line))
            }
        }
    }

    /// Runs `body` on the table at `path`, descending into the last element of arrays of tables.
    private static func withTable(
        _ table: inout TOMLTable, path: [String], line: Int, create: Bool, _ body: (inout TOMLTable) throws -> Void
    ) throws {
        guard let key = path.first else { return try body(&table) }
        let rest = Array(path.dropFirst())
        if let position = table.entries.firstIndex(where: { $0.key == key }) {
            switch table.entries[position].value {
            case .table(var child):
                try withTable(&child, path: rest, line: line, create: create, body)
                table.entries[position].value = .table(child)
            case .array(var items):
                guard case .table(var last)? = items.last else {
                    throw TOMLError(line: line, message: "\"\(key)\" is not a table")
                }
                try withTable(&last, path: rest, line: line, create: create, body)
                items[items.count - 1] = .table(last)
                table.entries[position].value = .array(items)
            default:
                throw TOMLError(line: line, message: "\"\(key)\" is not a table")
            }
        } else {
            try table.checkRoom(line: line)
            var child = TOMLTable()
            child.line = line
            try withTable(&child, path: rest, line: line, create: create, body)
            table.entries.append((key, .table(child), line))
        }
    }

    struct ValueParser {
        let text: [Unicode.Scalar]
        let line: Int
        var index = 0
        /// Arrays open around the value being read.
        var depth = 0

        mutating func skipSpace() { while index < text.count, text[index] == " " || text[index] == "\t" { index += 1 } }

        func fail(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

        mutating func expectEnd() throws {
            skipSpace()
            if index < text.count { throw fail("unexpected text after value") }
        }

        mutating func parseValue() throws -> TOMLValue {
            skipSpace()
            guard index < text.count else { throw fail("missing value") }
            switch text[index] {
            case "\"": return .string(try basicString())
            case "'": return .string(try literalString())
            case "[":
                guard depth < TOMLParser.maximumDepth else {
                    throw fail("arrays nested more than \(TOMLParser.maximumDepth) deep")
                }
                depth += 1
                defer { depth -= 1 }
                index += 1
                var items: [TOMLValue] = []
                while true {
                    skipSpace()
                    guard index < text.count else { throw fail("unclosed array") }
                    if text[index] == "]" {
                        index += 1
                        return .array(items)
                    }
                    items.append(try parseValue())
                    skipSpace()
                    if index < text.count, text[index] == "," { index += 1 }
                }
            default:
                var word = ""
                while index < text.count, !" ,]\t".unicodeScalars.contains(text[index]) {
                    word.unicodeScalars.append(text[index])
                    index += 1
                }
                if word == "true" { return .boolean(true) }
                if word == "false" { return .boolean(false) }
                let digits = word.replacingOccurrences(of: "_", with: "")
                if let integer = Int64(digits) { return .integer(integer) }
                if let float = Double(digits) { return .float(float) }
                throw fail("invalid value \"\(word)\" (strings need quotes)")
            }
        }

        mutating func basicString() throws -> String {
            index += 1
            var result = ""
            while index < text.count {
                let scalar = text[index]
                index += 1
                if scalar == "\"" { return result }
                if scalar == "\\" {
                    guard index < text.count else { break }
                    let escaped = text[index]
                    index += 1
                    switch escaped {
                    case "n": result += "\n"
                    case "t": result += "\t"
                    case "r": result += "\r"
                    case "\"": result += "\""
                    case "\\": result += "\\"
                    case "u", "U":
                        let length = escaped == "u" ? 4 : 8
                        guard index + length <= text.count,
                            let value = UInt32(
                                String(String.UnicodeScalarView(text[index..<index + length])), radix: 16),
                            let unicode = Unicode.Scalar(value)
                        else { throw fail("invalid unicode escape") }
                        result.unicodeScalars.append(unicode)
                        index += length
                    default: throw fail("invalid escape \\\(escaped)")
                    }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
            throw fail("unclosed string")
        }

        mutating func literalString() throws -> String {
            index += 1
            var result = ""
            while index < text.count {
                let scalar = text[index]
                index += 1
                if scalar == "'" { return result }
                result.unicodeScalars.append(scalar)
            }
            throw fail("unclosed string")
        }
    }
}
