import COpenCC
import Foundation
import SelfBuyDetection

/// The Traditional→Simplified folding the detector reads with, built from OpenCC's dictionaries (Debian
/// `libopencc1.1` and its data): every ideograph of ``ScriptFolding/coveredRange`` is converted on its own, one per
/// line, so that OpenCC's phrase table cannot join neighbours, and only one-to-one results are kept. Offsets into a
/// text therefore stay the same (廣發基金 → 广发基金, code point for code point).
public enum TraditionalFolding {
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The OpenCC configuration used: Traditional (OpenCC standard) to Simplified.
    static let configuration = "t2s.json"

    /// Loaded once per process.
    public static let shared: Result<ScriptFolding, LoadError> = Result { try load() }.mapError {
        $0 as? LoadError ?? LoadError(description: "\($0)")
    }

    /// The folding, or an error naming what is missing.
    public static func require() throws -> ScriptFolding { try shared.get() }

    /// The folding when OpenCC is available, else the identity (a library user who never reads Traditional text).
    public static var available: ScriptFolding { (try? shared.get()) ?? .identity }

    static func load() throws -> ScriptFolding { ScriptFolding(mapping: try loadCached()) }

    /// Converts every covered ideograph through OpenCC, one per line, and keeps the one-to-one results.
    static func deriveMapping() throws -> [Unicode.Scalar: Unicode.Scalar] {
        guard let converter = opencc_open(configuration), Int(bitPattern: converter) != -1 else {
            let reason = opencc_error().map { String(cString: $0) } ?? "unknown error"
            throw LoadError(
                description:
                    "cannot load OpenCC's \(configuration) (\(reason)); install Debian's libopencc1.1 and its data")
        }
        defer { opencc_close(converter) }
        var input = ""
        var sources: [Unicode.Scalar] = []
        for value in ScriptFolding.coveredRange {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isIdeographic else { continue }
            sources.append(scalar)
            input.unicodeScalars.append(scalar)
            input.unicodeScalars.append("\n")
        }
        let output: String = input.withCString { pointer in
            guard let converted = opencc_convert_utf8(converter, pointer, strlen(pointer)) else { return "" }
            defer { opencc_convert_utf8_free(converted) }
            return String(cString: converted)
        }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= sources.count else {
            throw LoadError(description: "OpenCC returned \(lines.count) lines for \(sources.count) characters")
        }
        var mapping: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (source, line) in zip(sources, lines) {
            let scalars = line.unicodeScalars
            guard scalars.count == 1, let target = scalars.first, target != source else { continue }
            mapping[source] = target
        }
        return mapping
    }
}

extension PledgeDetector {
    /// The detector selfbuy runs: the compiled-in issuer directory and OpenCC's Traditional→Simplified folding when
    /// it can be loaded (commands that detect check ``TraditionalFolding/require()`` first).
    public static var standard: PledgeDetector {
        PledgeDetector(directory: .bundled, folding: TraditionalFolding.available)
    }

    /// Builds what ``standard`` is made of (the issuer directory parsed from its table, OpenCC's folding loaded) on a
    /// thread of its own, for a command that will detect: done while the process is still parsing its command line
    /// on the other core, it is ready when the first text is read (about 5 ms of an archive ingest's first 20, when
    /// one core did everything). Asking for ``standard`` meanwhile waits for the part under way, never builds twice.
    public static func prepareStandard() {
        let thread = Thread { _ = PledgeDetector.standard }
        thread.name = "selfbuy-prepare"
        thread.start()
    }
}
