import Foundation

/// Output helpers: results on stdout, problems on stderr, both unbuffered per line
/// so output interleaves correctly when piped.
enum Terminal {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
