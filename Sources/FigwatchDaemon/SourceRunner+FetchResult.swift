import FigwatchFetch
import FigwatchHTTP

/// How a fetch ended, in the few words `figwatch_source_fetches_total{result}` uses.
extension SourceRunner {
    static func fetchResult(_ response: FetchResponse) -> FigwatchMetrics.FetchResult {
        if response.isNotModified { return .notModified }
        return (200..<300).contains(response.status) ? .ok : .httpError
    }

    static func fetchResult(_ error: any Error) -> FigwatchMetrics.FetchResult {
        guard let error = error as? FetchError else { return .networkError }
        switch error.code {
        case .bodyTooLarge: return .tooLarge
        case .schemeRefused, .redirectRefused, .addressBlocked, .invalidURL, .tooManyRedirects: return .refused
        default: return .networkError
        }
    }
}
