import ArgumentParser
import FigwatchCore

/// `--status`, shared by `series` and `plot`: which figure statuses to read (current unless asked).
struct StatusOption: ParsableArguments {
    @Option(
        name: .customLong("status"),
        help: ArgumentHelp(
            "current, past, forecast or all; repeat it or give a comma list (default: current).",
            discussion: "Current figures are stated as fact, past ones are older values quoted beside a newer "
                + "one, forecasts are targets, talks and projections (docs/FIGURES.md).",
            valueName: "status"))
    var words: [String] = []

    /// The statuses asked for; current alone when none was given.
    var selection: Set<FigureStatus> {
        get throws {
            guard !words.isEmpty else { return FigureStatus.defaultSelection }
            switch FigureStatus.selection(words) {
            case .success(let selected): return selected
            case .failure(let error): throw CLIError.usage("--status: \(error)")
            }
        }
    }

    func validate() throws {
        if !words.isEmpty, case .failure(let error) = FigureStatus.selection(words) {
            throw ValidationError("--status: \(error)")
        }
    }
}
