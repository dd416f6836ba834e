import ArgumentParser
import Foundation
import SelfBuyDetection
import SelfBuyKit

/// `--issuers FILE`, on every command that detects: extract, ingest, poll, daemon.
struct IssuersOption: ParsableArguments {
    @Option(
        name: .customLong("issuers"),
        help: "A file of issuers (tab-separated: short name, legal name, aliases) added to the built-in ones.")
    var path: String?

    /// The built-in detector, or one whose directory the file extends (a file that cannot be read is an error).
    func detector() throws -> PledgeDetector {
        guard let path else { return .standard }
        return try DetectorOptions.detector(issuers: path)
    }
}

/// The detector the detecting commands run: the built-in issuers plus a user's file, and OpenCC's folding (a missing
/// OpenCC is an error, never a silent loss of every Traditional text).
enum DetectorOptions {
    static func detector(issuers path: String?) throws -> PledgeDetector {
        let folding: ScriptFolding
        do {
            folding = try TraditionalFolding.require()
        } catch {
            throw Console.fail("\(error)", status: ExitStatus.osFile)
        }
        var directory = IssuerDirectory.bundled
        if let path {
            do {
                let contents = try String(contentsOfFile: path, encoding: .utf8)
                directory.merge(try IssuerDirectory(tsv: contents))
            } catch let error as IssuerDirectoryError {
                throw Console.fail("\(path): \(error)", status: ExitStatus.dataError)
            } catch {
                throw Console.fail("\(path): \(error.localizedDescription)", status: ExitStatus.noInput)
            }
        }
        return PledgeDetector(directory: directory, folding: folding)
    }
}
