import Foundation
import FigwatchCore
import Yams

/// The single-valued sections: storage, fetch, log, defaults, fx.
extension ConfigLoader {
    func readStorage(_ node: Node, into config: inout Configuration, directory: String, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, at: "storage", allowed: ConfigSchema.storage) else { return }
        var backendKnown = true
        for (key, _, value) in entries {
            switch key {
            case "path":
                if let path = reader.string(value, at: "storage.path") {
                    // A relative path is taken from the config file's folder, not from wherever
                    // the daemon happens to be started.
                    let joined = path.hasPrefix("/") || directory.isEmpty ? path : directory + "/" + path
                    config.storage.path = URL(fileURLWithPath: joined).standardizedFileURL.path
                }
            case "retention":
                if let text = reader.string(value, at: "storage.retention"), text != "forever" {
                    config.storage.retention = reader.duration(value, at: "storage.retention")
                }
            case "backend":
                if let text = reader.string(value, at: "storage.backend") {
                    if let backend = Configuration.Storage.Backend(rawValue: text) {
                        config.storage.backend = backend
                    } else {
                        backendKnown = false
                        reader.report(value, "storage.backend: '\(text)' is not one of "
                            + Configuration.Storage.Backend.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                }
            case "url":
                if let text = reader.string(value, at: "storage.url") {
                    let scheme = text.prefix { $0 != ":" }.lowercased()
                    if (scheme == "postgres" || scheme == "postgresql") && text.dropFirst(scheme.count).hasPrefix("://") {
                        config.storage.url = text
                    } else {
                        // Not quoted back: a URL may carry a password.
                        reader.report(value, "storage.url must be a postgres:// URL (postgres://user@host/database)")
                    }
                }
            case "owner":
                if let text = reader.string(value, at: "storage.owner") {
                    if text.isEmpty || text.count > 200 {
                        reader.report(value, "storage.owner must be a name of 1 to 200 characters")
                    } else {
                        config.storage.owner = text
                    }
                }
            case "lease":
                if let lease = reader.duration(value, at: "storage.lease") {
                    if lease < .seconds(1) {
                        reader.report(value, "storage.lease must be at least 1s")
                    } else {
                        config.storage.lease = lease
                    }
                }
            default: break
            }
        }
        // Which keys go with which backend, checked once the backend is known.
        let keys = Set(entries.map(\.key))
        guard backendKnown else { return }
        if config.storage.backend == .postgres && !keys.contains("url") {
            reader.report(node, "storage.url is required with backend: postgres")
        }
        for key in ["owner", "lease"] where config.storage.backend == .sqlite && keys.contains(key) {
            reader.report(node, "storage.\(key) is only for backend: postgres (daemons share sources there)")
        }
        if config.storage.backend == .sqlite && keys.contains("url") {
            reader.report(node, "storage.url is only for backend: postgres (SQLite takes storage.path)")
        }
        if config.storage.backend == .postgres && keys.contains("path") {
            reader.report(node, "storage.path is only for backend: sqlite (PostgreSQL takes storage.url)")
        }
    }

    func readFetch(_ node: Node, into config: inout Configuration, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, at: "fetch", allowed: ConfigSchema.fetch) else { return }
        var fetch = config.fetch
        for (key, _, value) in entries {
            let path = "fetch.\(key)"
            switch key {
            case "user_agent": fetch.userAgent = reader.string(value, at: path) ?? fetch.userAgent
            case "timeout": fetch.timeout = reader.duration(value, at: path) ?? fetch.timeout
            case "connect_timeout": fetch.connectTimeout = reader.duration(value, at: path) ?? fetch.connectTimeout
            case "max_body_bytes": fetch.maxBodyBytes = reader.byteSize(value, at: path) ?? fetch.maxBodyBytes
            case "max_redirects": fetch.maxRedirects = reader.int(value, at: path, in: 0...20) ?? fetch.maxRedirects
            case "concurrency": fetch.concurrency = reader.int(value, at: path, in: 1...1024) ?? fetch.concurrency
            case "per_host_concurrency":
                fetch.perHostConcurrency = reader.int(value, at: path, in: 1...64) ?? fetch.perHostConcurrency
            case "per_host_delay":
                if case .scalar(let s) = value, s.string == "0" || s.string == "0s" {
                    fetch.perHostDelay = .zero
                } else {
                    fetch.perHostDelay = reader.duration(value, at: path) ?? fetch.perHostDelay
                }
            case "allow_file_urls": fetch.allowFileURLs = reader.bool(value, at: path) ?? fetch.allowFileURLs
            case "block_private_addresses":
                fetch.blockPrivateAddresses = reader.bool(value, at: path) ?? fetch.blockPrivateAddresses
            default: break
            }
        }
        config.fetch = fetch
    }

    func readLog(_ node: Node, into config: inout Configuration, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, at: "log", allowed: ConfigSchema.log) else { return }
        for (key, _, value) in entries {
            guard let text = reader.string(value, at: "log.\(key)") else { continue }
            switch key {
            case "format":
                if let format = Configuration.LogFormat(rawValue: text) {
                    config.log.format = format
                } else {
                    reader.report(value, "log.format must be one of auto, journal, json, text, not '\(text)'")
                }
            case "level":
                if ConfigSchema.logLevels.contains(text) {
                    config.log.level = text
                } else {
                    reader.report(value, "log.level must be one of \(ConfigSchema.logLevels.joined(separator: ", ")), not '\(text)'")
                }
            default: break
            }
        }
    }

    func readDefaults(_ node: Node, into config: inout Configuration, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, at: "defaults", allowed: ConfigSchema.defaults) else { return }
        for (key, _, value) in entries where key == "interval" {
            config.defaultInterval = reader.duration(value, at: "defaults.interval") ?? config.defaultInterval
        }
        let fields = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        config.defaultGrouping = reader.grouping(fields, at: "defaults", base: config.defaultGrouping)
    }

    func readFX(_ node: Node, into config: inout Configuration, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, at: "fx", allowed: ConfigSchema.fx) else { return }
        for (key, _, value) in entries {
            switch key {
            case "rates":
                guard case .mapping(let mapping) = value else {
                    reader.report(value, "fx.rates must map currency codes to units per US dollar")
                    continue
                }
                for (codeNode, rateNode) in mapping {
                    let code = codeNode.string ?? ""
                    guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                        reader.report(codeNode, "fx.rates: '\(code)' is not an ISO 4217 currency code")
                        continue
                    }
                    guard let text = rateNode.string, let rate = ExactDecimal(text), rate > .zero else {
                        reader.report(rateNode, "fx.rates.\(code) must be a positive number (units per US dollar)")
                        continue
                    }
                    config.fx.rates[code] = rate
                }
            case "feed":
                if let url = reader.string(value, at: "fx.feed") {
                    if URLCheck.problem(url, allowFile: false) == nil {
                        config.fx.feed = url
                    } else {
                        reader.report(value, "fx.feed: \(URLCheck.problem(url, allowFile: false)!)")
                    }
                }
            default: break
            }
        }
    }
}
