import ArgumentParser

/// A failure the CLI reports in one line on stderr with its exit status.
enum CLIError: Error, CustomStringConvertible {
    /// Exit 1: something went wrong at run time.
    case runtime(String)
    /// Exit 78: the configuration is invalid.
    case configuration(String)
    /// Exit 64: the command line is wrong in a way the parser cannot see.
    case usage(String)

    var description: String {
        switch self {
        case .runtime(let message), .configuration(let message), .usage(let message): return message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .runtime: return .failure
        case .configuration: return ExitCode(78)
        case .usage: return ExitCode(64)
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, turning any error into one line on stderr and the documented exit status.
    static func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CLIError {
            Terminal.error("figwatch: \(error.description)")
            throw error.exitCode
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("figwatch: \(error)")
            throw ExitCode.failure
        }
    }
}
