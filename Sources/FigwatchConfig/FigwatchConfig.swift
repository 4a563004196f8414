// FigwatchConfig: YAML to a validated configuration.
