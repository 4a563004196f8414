// FigwatchExtract: text to figures, pure Swift, no I/O.
