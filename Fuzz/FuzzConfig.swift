// libFuzzer target: the configuration loader on arbitrary YAML.
import FigwatchConfig
import Foundation

let path = NSTemporaryDirectory() + "figwatch-fuzz-config-\(getpid()).yaml"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    do {
        _ = try ConfigLoader.standard.load(path: path)
    } catch {
        // Every problem must be located in a file at a real position.
        precondition(!error.diagnostics.isEmpty, "an error with no diagnostic")
        precondition(error.diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 }, "a diagnostic without a position")
    }
    return 0
}
