import Foundation
import SelfBuyDetection

/// The folding table kept between runs: deriving it converts every covered ideograph through OpenCC (about 30 ms of
/// CPU, a fifth of a whole `ingest` of 10,000 news items), while reading it back takes well under a millisecond.
///
/// The file is `$XDG_CACHE_HOME/selfbuy/t2s-<key>.folding` (else `~/.cache/selfbuy/`), where the key is a hash of
/// OpenCC's dictionaries and configuration that the table comes from, so an upgraded OpenCC builds a new table. The
/// file holds the pairs (Traditional, Simplified) as little-endian 32-bit code points. A file that is missing, of the
/// wrong size or with a pair outside the covered range is ignored and written again; a cache that cannot be written
/// (a read-only home) only costs the derivation.
extension TraditionalFolding {
    /// OpenCC's data folders, where `t2s.json` and its dictionaries are looked up.
    static let dataFolders = ["/usr/share/opencc", "/usr/local/share/opencc"]

    /// The files the table is derived from.
    static let sourceFiles = [configuration, "TSPhrases.ocd2", "TSCharacters.ocd2"]

    /// Bumped whenever the derivation or the file format changes.
    static let cacheFormat = "selfbuy-t2s-folding-1"

    /// The cached mapping, else the one OpenCC derives (then cached).
    static func loadCached(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        derive: () throws -> [Unicode.Scalar: Unicode.Scalar] = deriveMapping
    ) throws -> [Unicode.Scalar: Unicode.Scalar] {
        guard let file = cacheFile(environment: environment) else { return try derive() }
        if let cached = readCache(file) { return cached }
        let mapping = try derive()
        writeCache(mapping, to: file)
        return mapping
    }

    /// Where the table derived from the installed dictionaries is kept; nil when they cannot be found or no cache
    /// folder is known.
    static func cacheFile(environment: [String: String]) -> URL? {
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 + "/.cache" : nil }
        guard let base else { return nil }
        var key = Array(cacheFormat.utf8)
        key += withUnsafeBytes(of: ScriptFolding.coveredRange.lowerBound.littleEndian) { Array($0) }
        key += withUnsafeBytes(of: ScriptFolding.coveredRange.upperBound.littleEndian) { Array($0) }
        var found = false
        for folder in dataFolders {
            for name in sourceFiles {
                // The dictionaries are small (60 KB): their contents, not their dates, make the key.
                guard let data = FileManager.default.contents(atPath: folder + "/" + name), data.count < 64 << 20
                else { continue }
                found = true
                key += Array((folder + "/" + name).utf8) + [0] + Array(data)
            }
        }
        guard found else { return nil }
        let digest = ContentHash.hex(ContentHash.sha256(key)).prefix(16)
        return URL(fileURLWithPath: base).appendingPathComponent("selfbuy/t2s-\(digest).folding")
    }

    /// The pairs of a cache file, or nil when it is missing or malformed.
    static func readCache(_ file: URL) -> [Unicode.Scalar: Unicode.Scalar]? {
        let limit = Int(ScriptFolding.coveredRange.count) * 8
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit + 1), data.count <= limit, data.count % 8 == 0,
            !data.isEmpty
        else { return nil }
        var mapping: [Unicode.Scalar: Unicode.Scalar] = [:]
        mapping.reserveCapacity(data.count / 8)
        let valid = data.withUnsafeBytes { raw -> Bool in
            for offset in stride(from: 0, to: raw.count, by: 8) {
                let from = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let to = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                guard ScriptFolding.coveredRange.contains(from), from != to, let source = Unicode.Scalar(from),
                    let target = Unicode.Scalar(to)
                else { return false }
                mapping[source] = target
            }
            return true
        }
        return valid ? mapping : nil
    }

    /// Writes the pairs beside a temporary name and renames them into place, so that a reader never sees half a file.
    static func writeCache(_ mapping: [Unicode.Scalar: Unicode.Scalar], to file: URL) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(mapping.count * 8)
        for (from, to) in mapping.sorted(by: { $0.key.value < $1.key.value }) {
            withUnsafeBytes(of: from.value.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: to.value.littleEndian) { bytes += $0 }
        }
        let folder = file.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(getpid())")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, file.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
