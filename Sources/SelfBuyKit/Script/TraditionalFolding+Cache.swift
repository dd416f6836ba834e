import Foundation
import SelfBuyDetection

/// The folding table kept between runs: deriving it converts every covered ideograph through OpenCC (about 30 ms of
/// CPU, a fifth of a whole `ingest` of 10,000 news items), while reading it back takes well under a millisecond.
///
/// The file is `$XDG_CACHE_HOME/selfbuy/t2s-<key>.folding` (else `~/.cache/selfbuy/`), where the key is a hash of
/// OpenCC's dictionaries and configuration that the table comes from, so an upgraded OpenCC builds a new table. The
/// file holds ``cacheMagic``, the number of pairs and the SHA-256 of the pairs, then the pairs (Traditional,
/// Simplified) as little-endian 32-bit code points: a file cut short (a crash before its blocks reached the disk) or
/// changed is never read as a smaller table. A file that is missing or fails a check is ignored and written again
/// (to a temporary name, synced, then renamed); a cache that cannot be written (a read-only home) only costs the
/// derivation.
extension TraditionalFolding {
    /// OpenCC's data folders, where `t2s.json` and its dictionaries are looked up.
    static let dataFolders = ["/usr/share/opencc", "/usr/local/share/opencc"]

    /// The files the table is derived from.
    static let sourceFiles = [configuration, "TSPhrases.ocd2", "TSCharacters.ocd2"]

    /// Bumped whenever the derivation or the file format changes.
    static let cacheFormat = "selfbuy-t2s-folding-2"

    /// The first bytes of a cache file.
    static let cacheMagic = Array("selfbuy-t2s\n".utf8)

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

    /// The pairs of a cache file, or nil when it is missing, cut short or malformed.
    static func readCache(_ file: URL) -> [Unicode.Scalar: Unicode.Scalar]? {
        let header = cacheMagic.count + 4 + 32
        let limit = header + Int(ScriptFolding.coveredRange.count) * 8
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit + 1), data.count <= limit, data.count > header else {
            return nil
        }
        let bytes = [UInt8](data)
        guard bytes.starts(with: cacheMagic) else { return nil }
        let count = bytes[cacheMagic.count..<cacheMagic.count + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
        let pairs = Array(bytes[header...])
        guard pairs.count == count * 8, Array(bytes[cacheMagic.count + 4..<header]) == ContentHash.sha256(pairs)
        else { return nil }
        var mapping: [Unicode.Scalar: Unicode.Scalar] = [:]
        mapping.reserveCapacity(count)
        for offset in stride(from: 0, to: pairs.count, by: 8) {
            func value(at start: Int) -> UInt32 {
                pairs[start..<start + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) }
            }
            let (from, to) = (value(at: offset), value(at: offset + 4))
            guard ScriptFolding.coveredRange.contains(from), from != to, let source = Unicode.Scalar(from),
                let target = Unicode.Scalar(to)
            else { return nil }
            mapping[source] = target
        }
        return mapping
    }

    /// Writes the file under a temporary name of its own, syncs it and renames it into place, so that a reader never
    /// sees half a file and two writers never share a temporary file.
    static func writeCache(_ mapping: [Unicode.Scalar: Unicode.Scalar], to file: URL) {
        var pairs: [UInt8] = []
        pairs.reserveCapacity(mapping.count * 8)
        for (from, to) in mapping.sorted(by: { $0.key.value < $1.key.value }) {
            withUnsafeBytes(of: from.value.littleEndian) { pairs += $0 }
            withUnsafeBytes(of: to.value.littleEndian) { pairs += $0 }
        }
        var bytes = cacheMagic
        withUnsafeBytes(of: UInt32(mapping.count).littleEndian) { bytes += $0 }
        bytes += ContentHash.sha256(pairs) + pairs
        let folder = file.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else { return }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, file.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
