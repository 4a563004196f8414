import FigwatchConfig
import FigwatchTestSupport
import Foundation
import Testing

/// `Tests/Fixtures/config/*.good.yaml` load to the summary in `.good.expected`;
/// `*.bad.yaml` fail with exactly the messages in `.bad.expected`
/// (`LINE:COLUMN: message` lines, the file path added by the test).
struct ConfigFixtureTests {
    static let directory = Repository.fixture("config")

    static func fixtures(_ suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    static func expected(_ name: String) throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent(name + ".expected"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    @Test func thereAreEnoughBadFixtures() {
        #expect(Self.fixtures(".bad.yaml").count >= 25)
        #expect(Self.fixtures(".good.yaml").count >= 2)
    }

    @Test(arguments: fixtures(".good.yaml"))
    func goodFixtureLoads(name: String) throws {
        let path = Self.directory.appendingPathComponent(name + ".good.yaml").path
        let config = try ConfigLoader.standard.load(path: path)
        #expect([config.summary] == (try Self.expected(name + ".good")))
    }

    @Test(arguments: fixtures(".bad.yaml"))
    func badFixtureReportsExactly(name: String) throws {
        let path = Self.directory.appendingPathComponent(name + ".bad.yaml").path
        let expected = try Self.expected(name + ".bad").map { line in
            line.hasPrefix("{dir}")
                ? line.replacingOccurrences(of: "{dir}", with: Self.directory.path)
                : path + ":" + line.replacingOccurrences(of: "{file}", with: path)
        }
        do {
            let config = try ConfigLoader.standard.load(path: path)
            Issue.record("\(name) loaded: \(config.summary)")
        } catch {
            #expect(error.diagnostics.map(\.description) == expected)
        }
    }
}
