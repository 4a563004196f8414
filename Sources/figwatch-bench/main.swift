// `make bench`: release-build benchmarks. Each area prints its figures beside its
// comparison and target, with the command that produced them.
print("figwatch benchmarks")
try await FetchBench.run()
