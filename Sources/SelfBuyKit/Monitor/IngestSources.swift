import Foundation

/// The sources `selfbuy ingest` names, expanded: a folder stands for the files under it that look like sources
/// (by content, whatever their names), `-` for the paths and URLs listed on standard input, one a line.
public enum IngestSources {
    /// Most sources one run takes (from folders and standard input together): the list is held in memory.
    public static let maximumCount = 1_000_000
    /// Longest line read from standard input.
    public static let maximumLineLength = 8192
    /// Bytes read from the start of a file in a folder to tell whether it is a source.
    static let sniffLength = 1024

    public enum ExpansionError: Error, CustomStringConvertible, Equatable {
        case tooMany(limit: Int)
        case lineTooLong(line: Int)

        public var description: String {
            switch self {
            case .tooMany(let limit): return "more than \(limit) sources"
            case .lineTooLong(let line): return "standard input line \(line) is longer than \(maximumLineLength) bytes"
            }
        }
    }

    /// The sources in order: arguments as given, a folder's files in path order, standard input's lines where `-`
    /// stands (blank lines and lines starting with `#` skipped).
    ///
    /// - Parameter standardInput: reads the next line of standard input, nil at its end.
    public static func expand(_ arguments: [String], standardInput: () -> String? = { readLine() }) throws -> [String] {
        var result: [String] = []
        func add(_ source: String) throws {
            guard result.count < maximumCount else { throw ExpansionError.tooMany(limit: maximumCount) }
            result.append(source)
        }
        var readStandardInput = false
        for argument in arguments {
            if argument == "-" {
                guard !readStandardInput else { continue }
                readStandardInput = true
                var number = 0
                while let line = standardInput() {
                    number += 1
                    guard line.utf8.count <= maximumLineLength else { throw ExpansionError.lineTooLong(line: number) }
                    let entry = line.trimmingCharacters(in: .whitespaces)
                    if entry.isEmpty || entry.hasPrefix("#") { continue }
                    try add(entry)
                }
            } else if isFolder(argument) {
                for file in try sourceFiles(under: argument) { try add(file) }
            } else {
                try add(argument)
            }
        }
        return result
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The regular files under `folder` (recursively, hidden ones and symbolic links to folders left out) that look
    /// like a source, in path order.
    static func sourceFiles(under folder: String) throws -> [String] {
        let root = URL(fileURLWithPath: folder)
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [String] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            guard looksLikeSource(url.path) else { continue }
            files.append(url.path)
            guard files.count <= maximumCount else { throw ExpansionError.tooMany(limit: maximumCount) }
        }
        return files.sorted()
    }

    /// A PDF, or text whose first non-blank character (after a byte order mark) opens markup: RSS, Atom, RDF, HTML.
    static func looksLikeSource(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: sniffLength), !head.isEmpty else { return false }
        let bytes = [UInt8](head)
        if bytes.starts(with: Array("%PDF-".utf8)) { return true }
        var index = 0
        for bom in [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]] as [[UInt8]] where bytes.starts(with: bom) {
            index = bom.count
            break
        }
        // UTF-16 text puts a zero byte beside each ASCII character.
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x00].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "<")
    }
}
