import ArgumentParser
import Foundation
import SelfBuyKit

/// Reads a source named on the command line (a path, `file://` or `http(s)://`), turning failures into one-line
/// errors and exit codes.
enum SourceInput {
    static func fetch(_ source: String) async throws -> FetchedDocument {
        let url = FileSource.url(for: source)
        do {
            let transport = TransportRouter(http: HTTPTransport())
            let response = try await transport.fetch(FetchRequest(url: url, sizeLimit: MarkupDocument.defaultSizeLimit))
            guard (200..<300).contains(response.status) else {
                throw Console.fail("\(source): HTTP \(response.status)", status: ExitStatus.unavailable)
            }
            return response.document
        } catch let error as FetchError {
            let status: Int32
            switch error {
            case .unsupportedScheme: status = ExitStatus.usage
            case .tooLarge: status = ExitStatus.dataError
            case .notFound, .isDirectory, .unreadable: status = ExitStatus.noInput
            }
            throw Console.fail("\(source): \(error)", status: status)
        } catch let error as HTTPFetchError {
            throw Console.fail(
                "\(error)".hasPrefix(url.absoluteString) ? "\(error)" : "\(source): \(error)",
                status: ExitStatus.unavailable)
        }
    }
}
