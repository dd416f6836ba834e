import ArgumentParser
import Foundation
import SelfBuyKit

/// Reads a source named on the command line, turning failures into one-line errors and exit codes.
enum SourceInput {
    static func fetch(_ source: String) async throws -> FetchedDocument {
        let url = FileSource.url(for: source)
        do {
            return try FileSource.read(url)
        } catch let error as FetchError {
            let status: Int32
            switch error {
            case .unsupportedScheme: status = ExitStatus.usage
            case .tooLarge: status = ExitStatus.dataError
            case .notFound, .isDirectory, .unreadable: status = ExitStatus.unavailable
            }
            throw Console.fail("\(source): \(error)", status: status)
        }
    }
}
