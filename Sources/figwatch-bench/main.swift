// `make bench`: release-build benchmarks. Each area prints its figures beside its
// comparison and target, with the command that produced them.
print("figwatch benchmarks")
if CommandLine.arguments.count < 2 || CommandLine.arguments[1] == "text" { try await TextBench.run() }
