import Foundation
import SelfBuyDetection
import SelfBuyKit

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
