import Foundation
import Yams

/// `notifiers:` and what refers to them (`notify:` of a rule, `defaults.notify`).
extension ConfigBuilder {
    mutating func readNotifiers(_ node: Node, reader: YAMLReader) {
        var reader = reader
        defer { diagnostics += reader.diagnostics }
        guard let items = reader.sequence(node, at: "notifiers") else { return }
        for (index, item) in items.enumerated() {
            let path = "notifiers[\(index)]"
            guard let entries = reader.mapping(item, at: path, allowed: ConfigSchema.notifier) else { continue }
            let fields = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            let before = reader.diagnostics.count
            let id = readNotifierID(fields["id"], index: index, owner: item, reader: &reader)
            guard let typeNode = fields["type"] else {
                reader.report(item, "\(path) has no type (one of \(Notifier.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            guard let typeText = reader.string(typeNode, at: "\(path).type") else { continue }
            guard let kind = Notifier.Kind(rawValue: typeText) else {
                var message = "\(path).type: unknown notifier type '\(typeText)' (one of "
                    + Notifier.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")"
                if let suggestion = YAMLReader.suggestion(for: typeText, among: Notifier.Kind.allCases.map(\.rawValue)) {
                    message += "; did you mean '\(suggestion)'?"
                }
                reader.report(typeNode, message)
                continue
            }
            let keys = ConfigSchema.notifierKeys[kind]!
            let common = ["id", "type", "timeout", "expire", "templates"]
            for (key, keyNode, _) in entries where !common.contains(key) && !keys.allowed.contains(key) {
                reader.report(keyNode, "\(path).\(key) does not apply to a '\(kind.rawValue)' notifier")
            }
            for key in keys.required where fields[key] == nil {
                reader.report(item, "\(path): a '\(kind.rawValue)' notifier needs '\(key)'")
            }
            var notifier = Notifier(id: id ?? "", kind: kind, url: kind == .telegram ? "https://api.telegram.org" : "")
            if let node = fields["url"], let url = reader.string(node, at: "\(path).url") {
                if kind == .email {
                    if let problem = Self.smtpProblem(url) { reader.report(node, "\(path).url: \(problem)") }
                } else if let problem = URLCheck.problem(url, allowFile: false) {
                    // Not quoted back: a chat webhook URL is itself a credential.
                    reader.report(node, "\(path).url: " + (problem.contains("only http") ? "only http and https URLs are allowed" : "not an http(s) URL with a host"))
                }
                notifier.url = url
            }
            notifier.topic = fields["topic"].flatMap { reader.string($0, at: "\(path).topic") }
            notifier.chatID = fields["chat_id"].flatMap { reader.string($0, at: "\(path).chat_id") }
            notifier.room = fields["room"].flatMap { reader.string($0, at: "\(path).room") }
            notifier.username = fields["username"].flatMap { reader.string($0, at: "\(path).username") }
            notifier.from = fields["from"].flatMap { reader.string($0, at: "\(path).from") }
            if let node = fields["to"] {
                if case .scalar = node {
                    notifier.to = reader.string(node, at: "\(path).to").map { [$0] } ?? []
                } else {
                    notifier.to = reader.stringList(node, at: "\(path).to") ?? []
                }
            }
            for (key, value) in [("from", notifier.from.map { [$0] } ?? []), ("to", notifier.to)] {
                for address in value where !Self.isMailAddress(address) {
                    reader.report(fields[key], "\(path).\(key): '\(address)' is not a mail address (name@host)")
                }
            }
            if kind == .email && fields["to"] != nil && notifier.to.isEmpty {
                reader.report(fields["to"], "\(path).to must name at least one recipient")
            }
            notifier.token = fields["token_file"].flatMap { readSecret($0, at: "\(path).token_file", reader: &reader) }
            notifier.password = fields["password_file"].flatMap { readSecret($0, at: "\(path).password_file", reader: &reader) }
            if kind == .email && (notifier.username == nil) != (notifier.password == nil) {
                reader.report(item, "\(path): username and password_file go together")
            }
            if let node = fields["headers"] {
                notifier.headers = readHeaders(node, at: "\(path).headers", reader: &reader)
            }
            if kind == .webhook, let node = fields["body"], let body = reader.string(node, at: "\(path).body") {
                if let problem = NotifierTemplate.bodyProblem(body, headers: notifier.headers) {
                    reader.report(node, "\(path).body \(problem)")
                }
                notifier.body = body
            }
            if let node = fields["command"], let argv = reader.stringList(node, at: "\(path).command") {
                if argv.isEmpty {
                    reader.report(node, "\(path).command must name a command: [/path/to/program, arg, ...]")
                } else if !argv[0].hasPrefix("/") {
                    reader.report(node, "\(path).command: the command '\(argv[0])' must be an absolute path (no shell, no PATH search)")
                }
                notifier.command = argv
            }
            notifier.timeout = fields["timeout"].flatMap { reader.duration($0, at: "\(path).timeout") } ?? notifier.timeout
            notifier.expire = fields["expire"].flatMap { reader.duration($0, at: "\(path).expire") } ?? notifier.expire
            if let node = fields["templates"], let templateEntries = reader.mapping(node, at: "\(path).templates", allowed: ["firing", "resolved"]) {
                for (key, _, value) in templateEntries {
                    guard let text = reader.string(value, at: "\(path).templates.\(key)") else { continue }
                    var unknown: [String] = []
                    _ = NotifierTemplate.fill(Substring(text)) { name in
                        if !NotifierTemplate.placeholders.contains(name) { unknown.append(name) }
                        return ""
                    }
                    if let name = unknown.first {
                        reader.report(value, "\(path).templates.\(key): unknown placeholder {\(name)} (one of "
                            + NotifierTemplate.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ") + ")")
                    }
                    notifier.templates[key] = text
                }
            }
            guard reader.diagnostics.count == before, id != nil else { continue }
            config.notifiers.append(notifier)
        }
    }

    private mutating func readNotifierID(_ node: Node?, index: Int, owner: Node, reader: inout YAMLReader) -> String? {
        guard let node else {
            reader.report(owner, "notifiers[\(index)] has no id")
            return nil
        }
        guard let id = reader.string(node, at: "notifiers[\(index)].id") else { return nil }
        guard ConfigSchema.isValidID(id) else {
            reader.report(node, "notifiers[\(index)].id '\(id)' must be lowercase letters, digits, '-', '_' or '.'")
            return nil
        }
        if let first = notifierIDs[id] {
            reader.report(node, "duplicate notifier id '\(id)' (first defined at \(first))")
            return nil
        }
        notifierIDs[id] = "\(reader.file):\(node.mark?.line ?? 1)"
        return id
    }

    /// The whole file, without a final newline; a relative path is taken from the config's folder.
    /// What the file holds never reaches a message.
    private func readSecret(_ node: Node, at path: String, reader: inout YAMLReader) -> Secret? {
        guard let file = reader.string(node, at: path) else { return nil }
        let full = file.hasPrefix("/") || directory.isEmpty ? file : directory + "/" + file
        switch ConfigLoader.readFile(full) {
        case .failure(let reason):
            reader.report(node, "\(path): cannot read '\(file)': \(reason)")
            return nil
        case .success(let bytes):
            var text = String(decoding: bytes, as: UTF8.self)
            while let last = text.last, last == "\n" || last == "\r" { text.removeLast() }
            guard !text.isEmpty, !text.contains("\n") else {
                reader.report(node, "\(path): '\(file)' must hold the secret on one line")
                return nil
            }
            return Secret(text)
        }
    }

    private func readHeaders(_ node: Node, at path: String, reader: inout YAMLReader) -> [[String]] {
        guard case .mapping(let mapping) = node else {
            reader.report(node, "\(path) must map header names to values")
            return []
        }
        var headers: [[String]] = []
        for (nameNode, valueNode) in mapping {
            let name = nameNode.string ?? ""
            let token = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_!#$%&'*+.^`|~".unicodeScalars.contains($0)) }
            guard !name.isEmpty, token else {
                reader.report(nameNode, "\(path): '\(name)' is not an HTTP header name")
                continue
            }
            guard let value = reader.string(valueNode, at: "\(path).\(name)") else { continue }
            guard !value.contains("\n"), !value.contains("\r") else {
                reader.report(valueNode, "\(path).\(name) must be one line")
                continue
            }
            headers.append([name, value])
        }
        return headers
    }

    /// Rule `notify:` lists (and `defaults.notify`) name configured notifiers.
    mutating func checkNotify(_ ids: [String], node: Node, at path: String, reader: inout YAMLReader) -> [String]? {
        let known = config.notifiers.map(\.id) + Array(notifierIDs.keys)
        var ok = true
        for id in ids where !known.contains(id) {
            var message = "\(path): unknown notifier '\(id)'"
            if let suggestion = YAMLReader.suggestion(for: id, among: Array(Set(known)).sorted()) {
                message += " (did you mean '\(suggestion)'?)"
            }
            reader.report(node, message)
            ok = false
        }
        return ok ? ids : nil
    }

    /// `smtp://host[:port]` (STARTTLS when the server offers it; required unless the host is loopback)
    /// or `smtps://host[:port]` (TLS from the start). Credentials go in `username` / `password_file`.
    static func smtpProblem(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "not a URL (expected smtp://host:587 or smtps://host:465)"
        }
        guard scheme == "smtp" || scheme == "smtps" else {
            return "a mail server URL must start with smtp:// or smtps://, not \(scheme)://"
        }
        guard let host = components.host, !host.isEmpty else { return "the SMTP URL has no host" }
        if components.user != nil || components.password != nil {
            return "the SMTP URL must not hold a login; use username and password_file"
        }
        if !components.path.isEmpty && components.path != "/" {
            return "the SMTP URL takes no path (smtp://host:587)"
        }
        return nil
    }

    static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return !text.contains { $0.isWhitespace || "<>\"(),;".contains($0) }
    }

    /// `defaults.notify`, checked once the notifiers are known.
    mutating func readDefaultNotify(_ defaults: Node, reader: YAMLReader) {
        var reader = reader
        defer { diagnostics += reader.diagnostics }
        guard case .mapping(let mapping) = defaults else { return }
        for (keyNode, value) in mapping where keyNode.string == "notify" {
            if let ids = reader.stringList(value, at: "defaults.notify"),
                let checked = checkNotify(ids, node: value, at: "defaults.notify", reader: &reader)
            {
                config.defaultNotify = checked
            }
        }
    }
}
