import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import FigwatchFetch

/// `figwatch notify test NOTIFIER`: one sample alert through a configured notifier, at once and not
/// through the outbox, with the receiver's answer.
public enum NotifierTest {
    /// A firing alert as a real one reads, with a Chinese sentence (so a channel that mangles UTF-8 shows it).
    public static func sample(at time: Int64) -> AlertTransition {
        var sample = AlertTransition(
            rule: "figwatch-test", entity: "alibaba", state: .firing, at: time, metric: .marketCap,
            value: ExactDecimal("4200000000000")!, currency: "HKD", threshold: "4萬億港元",
            sourceURL: "https://example.com/figwatch-test",
            sentence: "阿里巴巴市值回升至4.2萬億港元。(figwatch notify test: a sample, not a real alert)")
        sample.sites = 2
        return sample
    }

    /// Sends the sample; `ok` is whether the receiver accepted it, `answer` what it said (secrets scrubbed).
    public static func send(_ notifier: Notifier, configuration: Configuration, at time: Int64) async -> (ok: Bool, answer: String) {
        let transition = sample(at: time)
        if notifier.kind == .exec {
            return (false, "an exec notifier runs its command on real alerts; test it by running the command")
        }
        let payload = NotifierPayload.body(for: notifier, transition: transition, entityName: "Alibaba Group 阿里巴巴")
        let outcome = await Delivery(notifier: notifier, routes: DeliveryRoutes(configuration)).send(payload, messageID: time)
        return (outcome.failure == nil, outcome.failure.map { $0 + (outcome.answer == $0 ? "" : "\n" + outcome.answer) } ?? outcome.answer)
    }
}
