import FigwatchConfig
import FigwatchCore
import FigwatchTestSupport
import Foundation
import Testing

struct ConfigLoaderTests {
    @Test(arguments: [
        ("500ms", Int64(500)), ("30s", 30_000), ("15m", 900_000), ("6h", 21_600_000), ("7d", 604_800_000),
        ("1h30m", 5_400_000), ("2w", 1_209_600_000),
    ])
    func durations(text: String, milliseconds: Int64) {
        #expect(ConfigValues.duration(text) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "30", "15x", "m", "1.5h", "-5s", "99999999999999d"])
    func badDurations(text: String) {
        #expect(ConfigValues.duration(text) == nil)
    }

    @Test(arguments: [("8MiB", 8_388_608), ("512KiB", 524_288), ("1MB", 1_000_000), ("1000", 1000), ("2 GiB", 2_147_483_648)])
    func sizes(text: String, bytes: Int) {
        #expect(ConfigValues.byteSize(text) == bytes)
    }

    @Test("YAML 1.1 words for booleans and null are read as such (scalars are typed by key, not guessed)")
    func yamlWords() throws {
        let config = try ConfigLoader.standard.load(path: Repository.fixture("config/yaml-words.good.yaml").path)
        #expect(config.fetch.blockPrivateAddresses == true)
        #expect(config.fetch.allowFileURLs == true)
        #expect(config.entities.map(\.aliases) == [[], []])
    }

    @Test func fullExampleHasEveryValue() throws {
        let path = Repository.fixture("config/full.good.yaml").path
        let config = try ConfigLoader.standard.load(path: path)
        #expect(config.storage.path == Repository.fixture("config").path + "/data/figwatch.sqlite")
        #expect(config.storage.retention == .seconds(365 * 86_400))
        #expect(config.fetch.maxBodyBytes == 4 << 20)
        #expect(config.fetch.perHostDelay == .seconds(2))
        #expect(config.log.format == .json)
        #expect(config.sources.map(\.interval) == [.seconds(1800), .seconds(300), .seconds(1800)])
        #expect(config.sources[0].content == "//div[@id='body']")
        #expect(config.entities.map(\.id) == ["alibaba", "tsmc"])
        #expect(config.files.count == 2)
        let above = try #require(config.alerts.first { $0.id == "above" })
        guard case .above(let limit, let clear) = above.condition else {
            Issue.record("above rule read as \(above.condition)")
            return
        }
        #expect(limit.value == ExactDecimal("4000000000000"))
        #expect(limit.currency == "HKD")
        #expect(clear.value == ExactDecimal("3800000000000"))
        #expect(above.minSources == 2)
        #expect(above.repeatInterval == .seconds(86_400))
        #expect(above.exec == ["/usr/bin/logger", "-t", "figwatch"])
        let chinese = try #require(config.alerts.first { $0.id == "chinese-threshold" })
        #expect(chinese.condition == .below(
            .init(value: ExactDecimal("3000000000000")!, currency: "HKD", text: "3萬億港元"),
            clear: .init(value: ExactDecimal("3000000000000")!, currency: "HKD", text: "3萬億港元")))
        let moves = try #require(config.alerts.first { $0.id == "moves" })
        #expect(moves.condition == .changeAbove(.init(value: ExactDecimal("100000000000")!, currency: "USD", text: "$100bn"), direction: .down))
        #expect(config.alerts.first { $0.id == "jump" }?.condition == .changePercent(ExactDecimal(25)))
        #expect(config.alerts.first { $0.id == "failing" }?.source == "feed")
        #expect(config.fx.rates["HKD"] == ExactDecimal("7.78"))
    }

    @Test func defaultStoragePathFollowsStateDirectory() throws {
        let path = Repository.fixture("config/minimal.good.yaml").path
        let underSystemd = ConfigLoader(thresholdParser: { _ in nil }, environment: ["STATE_DIRECTORY": "/var/lib/figwatch"])
        #expect(try underSystemd.load(path: path).storage.path == "/var/lib/figwatch/figwatch.sqlite")
        let plain = ConfigLoader(thresholdParser: { _ in nil }, environment: [:])
        #expect(try plain.load(path: path).storage.path == "./figwatch.sqlite")
    }

    @Test func relativeFileURLsAreTakenFromTheConfigFolder() throws {
        let config = try ConfigLoader.standard.load(path: Repository.root.appendingPathComponent("Config/demo.yaml").path)
        let url = try #require(config.sources.first?.url)
        #expect(url.hasPrefix("file:///"))
        #expect(FileManager.default.fileExists(atPath: URL(string: url)!.path))
    }

    @Test func shippedConfigsAreValid() throws {
        for name in ["Config/figwatch.yaml", "Config/demo.yaml"] {
            let config = try ConfigLoader.standard.load(path: Repository.root.appendingPathComponent(name).path)
            #expect(!config.sources.isEmpty && !config.alerts.isEmpty, "\(name)")
        }
    }

    @Test func unreadableFileIsOneClearProblem() {
        #expect(throws: ConfigError.self) {
            try ConfigLoader.standard.load(path: "/nonexistent/figwatch.yaml")
        }
        do {
            _ = try ConfigLoader.standard.load(path: "/nonexistent/figwatch.yaml")
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.diagnostics.count == 1)
            #expect(error.description.hasPrefix("/nonexistent/figwatch.yaml:1:1: cannot read the file"))
        }
    }
}
