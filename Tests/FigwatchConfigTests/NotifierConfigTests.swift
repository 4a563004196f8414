import FigwatchConfig
import FigwatchCore
import FigwatchTestSupport
import Foundation
import Testing

/// What `notifiers:` loads to, and that the secrets it reads never show in text.
struct NotifierConfigTests {
    static let path = Repository.fixture("config").appendingPathComponent("notifiers.good.yaml").path

    @Test func notifiersAndNotifyLists() throws {
        let config = try ConfigLoader.standard.load(path: Self.path)
        #expect(config.notifiers.map(\.kind) == [.slack, .discord, .ntfy, .telegram, .matrix, .webhook, .exec, .email])
        #expect(config.defaultNotify == ["team-slack"])
        #expect(config.alerts.map(\.notify) == [["team-slack", "phone"], ["team-slack"]])
        let phone = try #require(config.notifiers.first { $0.id == "phone" })
        #expect(phone.token?.reveal() == "tk_ntfy_s3cret")
        let hook = try #require(config.notifiers.first { $0.id == "hook" })
        #expect(hook.headers == [["X-Token", "abc"]])
        #expect(hook.timeout == .seconds(5) && hook.expire == .seconds(3600))
        #expect(hook.body == #"{"text": "{text}", "alert": {json}, "n": {count}}"#)
        // Grouping: the rule's own keys, else defaults:, else rule and entity, 30 s, 5 m.
        #expect(config.defaultGrouping == AlertGrouping(by: [.rule, .metric], wait: .seconds(10), interval: .seconds(300)))
        #expect(config.alerts.map(\.grouping) == [
            AlertGrouping(by: [], wait: .zero, interval: .zero),
            AlertGrouping(by: [.rule, .metric], wait: .seconds(10), interval: .seconds(300)),
        ])
        #expect(AlertGrouping() == AlertGrouping(by: [.rule, .entity], wait: .seconds(30), interval: .seconds(300)))
        let mail = try #require(config.notifiers.first { $0.id == "oncall" })
        #expect(mail.to == ["oncall@example.com"] && mail.password?.reveal() == "smtp-pa55")
        #expect(mail.templates["firing"] == "{entity_name} {metric} {value_words}")
    }

    @Test func secretsNeverPrint() throws {
        let config = try ConfigLoader.standard.load(path: Self.path)
        let text = "\(config) \(String(reflecting: config)) \(config.summary)"
        for secret in ["tk_ntfy_s3cret", "smtp-pa55", "123456:ABC-telegram"] {
            #expect(!text.contains(secret))
        }
        #expect(text.contains("<secret>"))
    }
}
