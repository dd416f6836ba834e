import Foundation

/// Builds the request of one page of a JSON API: parameters with their variables filled in, sent as a query string,
/// a form or a JSON document, with the feed's headers.
public enum APIRequest {
    public static func make(
        _ feed: FeedDefinition, api: FeedDefinition.JSONAPI, variables: RequestVariables, sizeLimit: Int
    ) -> FetchRequest {
        var url = feed.url
        var body: [UInt8]?
        var headers = feed.requestHeaders
        switch api.method {
        case .get:
            if !api.parameters.isEmpty, var components = URLComponents(url: feed.url, resolvingAgainstBaseURL: false) {
                let added = api.parameters.map { formPair($0.name, $0.value, variables) }
                let existing = components.percentEncodedQuery.map { $0 + "&" } ?? ""
                components.percentEncodedQuery = existing + added.joined(separator: "&")
                url = components.url ?? feed.url
            }
        case .postForm:
            body = Array(api.parameters.map { formPair($0.name, $0.value, variables) }.joined(separator: "&").utf8)
            headers["Content-Type"] = headers["Content-Type"] ?? "application/x-www-form-urlencoded; charset=UTF-8"
        case .postJSON:
            var object: [String: Any] = [:]
            for (name, value) in api.parameters { object[name] = jsonValue(value, variables) }
            body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { [UInt8]($0) }
            headers["Content-Type"] = headers["Content-Type"] ?? "application/json; charset=UTF-8"
        }
        headers["Accept"] = headers["Accept"] ?? "application/json, text/javascript, */*; q=0.01"
        var request = FetchRequest(url: url, timeout: feed.timeout, sizeLimit: sizeLimit)
        request.method = api.method == .get ? "GET" : "POST"
        request.body = body
        request.headers = headers
        return request
    }

    /// `name=value`, percent-encoded for a query string or a form (a space is `%20`, which both accept).
    static func formPair(
        _ name: String, _ value: FeedDefinition.JSONAPI.Parameter, _ variables: RequestVariables
    ) -> String {
        encode(name) + "=" + encode(text(value, variables))
    }

    static func text(_ value: FeedDefinition.JSONAPI.Parameter, _ variables: RequestVariables) -> String {
        switch value {
        case .text(let template): return JSONTemplate.text(template, variables)
        case .list(let items): return items.map { text($0, variables) }.joined(separator: ",")
        default: return value.literal ?? ""
        }
    }

    /// A JSON value: `"{page}"` alone (and `{page_size}`, `{now}`) becomes a number, other text a string.
    static func jsonValue(_ value: FeedDefinition.JSONAPI.Parameter, _ variables: RequestVariables) -> Any {
        switch value {
        case .text(let template):
            if ["{page}", "{page_size}", "{now}", "{now_s}"].contains(template),
                let number = Int64(JSONTemplate.text(template, variables))
            {
                return number
            }
            return JSONTemplate.text(template, variables)
        case .integer(let number): return number
        case .float(let number): return number
        case .flag(let flag): return flag
        case .list(let items): return items.map { jsonValue($0, variables) }
        }
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
