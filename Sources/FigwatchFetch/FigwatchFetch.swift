// FigwatchFetch: the libcurl multi-interface fetcher. See CurlFetcher.swift.
