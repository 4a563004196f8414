// libFuzzer target: the amount parser the config uses for thresholds.
import FigwatchCore
import FigwatchExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmount(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let money = AmountParser.parse(text) {
        // Whatever parses must print and read back as the same exact value.
        precondition(ExactDecimal(money.value.description) == money.value, "value does not round-trip")
    }
    return 0
}
