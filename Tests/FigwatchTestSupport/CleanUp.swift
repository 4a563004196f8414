/// Runs `body` with `resource`, then `cleanUp`, awaited, whether `body` returns or throws: what a
/// `defer { Task { await cleanUp() } }` meant, without leaving the cleanup running after the test.
public func withCleanUp<Resource, T>(
    _ resource: Resource, _ cleanUp: (Resource) async -> Void, _ body: (Resource) async throws -> T
) async throws -> T {
    do {
        let result = try await body(resource)
        await cleanUp(resource)
        return result
    } catch {
        await cleanUp(resource)
        throw error
    }
}
