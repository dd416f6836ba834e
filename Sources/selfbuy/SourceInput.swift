import ArgumentParser
import Foundation
import SelfBuyKit

/// A source that could not be read: the one-line error and the exit code it means.
struct SourceFailure: Error {
    var message: String
    var status: Int32
}

/// Reads a source named on the command line (a path, `file://` or `http(s)://`), turning failures into one-line
/// errors and exit codes.
enum SourceInput {
    /// One transport for every source of a run: an HTTP session (its threads and sockets) is made once, when the
    /// first source is read, not once per file.
    static let transport = TransportRouter(http: HTTPTransport())

    static func fetch(_ source: String) async throws -> FetchedDocument {
        switch await fetched(source) {
        case .success(let document): return document
        case .failure(let failure): throw Console.fail(failure.message, status: failure.status)
        }
    }

    /// The source's bytes, or why they cannot be had; prints nothing, so that callers report in their own order.
    static func fetched(_ source: String) async -> Result<FetchedDocument, SourceFailure> {
        let url = FileSource.url(for: source)
        do {
            let response = try await transport.fetch(FetchRequest(url: url, sizeLimit: MarkupDocument.defaultSizeLimit))
            guard (200..<300).contains(response.status) else {
                return .failure(
                    SourceFailure(message: "\(source): HTTP \(response.status)", status: ExitStatus.unavailable))
            }
            return .success(response.document)
        } catch let error as FetchError {
            let status: Int32
            switch error {
            case .unsupportedScheme: status = ExitStatus.usage
            case .tooLarge: status = ExitStatus.dataError
            case .notFound, .isDirectory, .unreadable: status = ExitStatus.noInput
            }
            return .failure(SourceFailure(message: "\(source): \(error)", status: status))
        } catch let error as HTTPFetchError {
            let message = "\(error)".hasPrefix(url.absoluteString) ? "\(error)" : "\(source): \(error)"
            return .failure(SourceFailure(message: message, status: ExitStatus.unavailable))
        } catch {
            return .failure(SourceFailure(message: "\(source): \(error)", status: ExitStatus.unavailable))
        }
    }

    /// The source fetched and parsed into items, for the ingest pipeline.
    static func read(_ source: String) async -> Result<ReadSource, SourceFailure> {
        switch await fetched(source) {
        case .failure(let failure): return .failure(failure)
        case .success(let document):
            do {
                let parsed = try SourceReader().read(
                    document.bytes, url: document.url, contentType: document.contentType)
                return .success(ReadSource(items: parsed.items, sourceURL: document.url, bytes: document.bytes.count))
            } catch {
                return .failure(SourceFailure(message: "\(source): \(error)", status: ExitStatus.dataError))
            }
        }
    }
}
