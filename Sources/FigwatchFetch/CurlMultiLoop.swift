import CCurl
import Foundation

/// The one thread that drives libcurl's multi interface for a `CurlFetcher`.
///
/// Every transfer of a fetcher runs on this thread, in one multi handle, so they share its connection
/// and DNS caches. Other threads only ever touch the inbox (submissions, cancellations, shutdown)
/// under `lock`, then call `curl_multi_wakeup`, the one multi call libcurl allows from another thread;
/// the thread sleeps in `curl_multi_poll` in between. Transfers beyond `concurrency` in all, or beyond
/// `perHostConcurrency` for one host, wait in `waiting` in arrival order.
final class CurlMultiLoop: @unchecked Sendable {
    private let options: FetchOptions
    private let multi: UnsafeMutableRawPointer

    // Shared with other threads, guarded by `lock`.
    private let lock = NSCondition()
    private var submitted: [CurlTransfer] = []
    private var cancelled: [CurlTransfer] = []
    private var stopping = false
    /// Set (under `lock`) just before `curl_multi_cleanup`, after which `wakeup` must not be called.
    private var multiClosed = false
    private var threadExited = false
    /// The loop is in (or about to enter) `curl_multi_poll` with an empty inbox: only then does a
    /// submission need `curl_multi_wakeup`. A busy loop reads the inbox on its next round anyway, and
    /// skipping the wakeup saves a write and a poll return per fetch under load.
    private var sleeping = false
    /// Whether the sleeping loop has a free transfer slot (published with `sleeping`). When every slot is
    /// taken, a new submission could not start anyway: the loop picks it up when a running transfer's
    /// socket wakes it, so the submission skips the wakeup. Under load that is nearly every fetch.
    private var slotFree = true
    /// The loop thread, so `shutdown` called from a completion on it does not wait for itself.
    private var loopThread: pthread_t?

    // The loop thread's own.
    private var waiting: [CurlTransfer] = []
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var runningPerHost: [String: Int] = [:]

    init(options: FetchOptions) throws(FetchError) {
        _ = CurlMultiLoop.globalInit
        guard let multi = curl_multi_init() else {
            throw FetchError(setup: "libcurl could not create a multi handle")
        }
        self.multi = multi
        // Keep enough idle connections for every host slot, so keep-alive reuse survives a busy queue.
        let cache = max(options.concurrency, 1) * 2
        if fw_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, cache) != CURLM_OK {
            curl_multi_cleanup(multi)
            throw FetchError(setup: "libcurl refused CURLMOPT_MAXCONNECTS")
        }
        self.options = options
    }

    /// `curl_global_init` once per process, before the first handle (Swift runs this lazily, once).
    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Starts the thread. Called once, by `CurlFetcher.init`.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "figwatch-curl"
        thread.start()
    }

    // MARK: Any thread

    /// Queues `transfer`; after shutdown it completes at once with `shutDown`.
    func submit(_ transfer: CurlTransfer) {
        lock.lock()
        if stopping {
            lock.unlock()
            transfer.complete(.failure(FetchError(.shutDown, url: transfer.request.url, "fetcher is shut down")))
            return
        }
        submitted.append(transfer)
        if slotFree { wakeIfSleeping() }
        lock.unlock()
    }

    /// Asks the loop to abort `transfer`; harmless when it already finished or was never submitted.
    func cancel(_ transfer: CurlTransfer) {
        lock.lock()
        defer { lock.unlock() }
        transfer.cancelRequested = true
        guard !multiClosed else { return }
        cancelled.append(transfer)
        wakeIfSleeping()
    }

    /// Call with `lock` held.
    private func wakeIfSleeping() {
        guard sleeping, !multiClosed else { return }
        sleeping = false
        curl_multi_wakeup(multi)
    }

    /// Fails every queued and running transfer with `shutDown` and waits for the thread to end.
    /// Idempotent. Blocks the caller briefly (one poll round), so call it when leaving, not per fetch.
    func shutdown() {
        lock.lock()
        defer { lock.unlock() }
        if !stopping {
            stopping = true
            if !multiClosed { curl_multi_wakeup(multi) }
            sleeping = false
        }
        if let loopThread, pthread_equal(loopThread, pthread_self()) != 0 { return }
        while !threadExited { lock.wait() }
    }

    // MARK: The loop thread

    private func run() {
        lock.lock()
        loopThread = pthread_self()
        lock.unlock()
        Thread.current.name = "figwatch-curl"  // set from inside, so `top -H` and perf show it
        var stillRunning: Int32 = 0
        while true {
            lock.lock()
            sleeping = false
            let arrivals = submitted
            let aborts = cancelled
            let stop = stopping
            submitted.removeAll()
            cancelled.removeAll()
            // Read under the lock: a cancel that raced ahead of its own submission is seen here.
            let cancelledOnArrival = arrivals.map(\.cancelRequested)
            lock.unlock()

            for (transfer, isCancelled) in zip(arrivals, cancelledOnArrival) {
                if isCancelled { finish(transfer, .failure(cancelledError(transfer))) } else { waiting.append(transfer) }
            }
            for transfer in aborts { abort(transfer) }
            if stop { break }

            startWaiting()
            curl_multi_perform(multi, &stillRunning)
            if readCompletions() { continue }  // free slots and redirect hops: go again before sleeping

            lock.lock()
            sleeping = submitted.isEmpty && cancelled.isEmpty && !stopping
            slotFree = running.count < max(1, options.concurrency)
            let idle = sleeping
            lock.unlock()
            // A wakeup sent after `sleeping` was set is not lost: it makes this poll return at once.
            if idle { curl_multi_poll(multi, nil, 0, 1000, nil) }
        }
        closeDown()
    }

    /// Moves waiting transfers to running, in order, as far as both limits allow.
    private func startWaiting() {
        var index = 0
        while running.count < max(1, options.concurrency), index < waiting.count {
            let transfer = waiting[index]
            guard runningPerHost[transfer.target.hostKey, default: 0] < max(1, options.perHostConcurrency) else {
                index += 1
                continue
            }
            waiting.remove(at: index)
            do throws(FetchError) {
                try transfer.begin()
            } catch {
                transfer.complete(.failure(error))
                continue
            }
            guard let easy = transfer.easy, curl_multi_add_handle(multi, easy) == CURLM_OK else {
                transfer.complete(.failure(FetchError(.setupFailed, url: transfer.request.url,
                                                      "libcurl would not add the transfer")))
                continue
            }
            running[easy] = transfer
            runningPerHost[transfer.target.hostKey, default: 0] += 1
        }
    }

    /// Collects finished hops; follows redirects on the same handle. Returns whether anything changed.
    private func readCompletions() -> Bool {
        var changed = false
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard fw_msg_is_done(message) != 0, let easy = message.pointee.easy_handle,
                  let transfer = running[easy] else { continue }
            changed = true
            let code = fw_msg_result(message)
            curl_multi_remove_handle(multi, easy)
            switch transfer.outcome(of: code) {
            case .finished(let result):
                finish(transfer, result)
            case .redirect(let url):
                do throws(FetchError) {
                    try transfer.followRedirect(to: url)
                    guard curl_multi_add_handle(multi, easy) == CURLM_OK else {
                        throw FetchError(.setupFailed, url: transfer.request.url, "libcurl would not add the transfer")
                    }
                } catch {
                    finish(transfer, .failure(error))
                }
            }
        }
        return changed
    }

    private func abort(_ transfer: CurlTransfer) {
        if let index = waiting.firstIndex(where: { $0 === transfer }) {
            waiting.remove(at: index)
            finish(transfer, .failure(cancelledError(transfer)))
        } else if let easy = transfer.easy, running[easy] === transfer {
            curl_multi_remove_handle(multi, easy)
            finish(transfer, .failure(cancelledError(transfer)))
        }
    }

    /// Releases the transfer's slot (if it held one) and resumes its task.
    private func finish(_ transfer: CurlTransfer, _ result: Result<FetchResponse, FetchError>) {
        if let easy = transfer.easy, running.removeValue(forKey: easy) != nil {
            runningPerHost[transfer.target.hostKey, default: 1] -= 1
            if runningPerHost[transfer.target.hostKey] == 0 { runningPerHost[transfer.target.hostKey] = nil }
        }
        transfer.complete(result)
    }

    private func cancelledError(_ transfer: CurlTransfer) -> FetchError {
        FetchError(.cancelled, url: transfer.request.url, "cancelled")
    }

    private func closeDown() {
        for transfer in waiting {
            transfer.complete(.failure(FetchError(.shutDown, url: transfer.request.url, "fetcher is shut down")))
        }
        waiting.removeAll()
        for (easy, transfer) in running {
            curl_multi_remove_handle(multi, easy)
            transfer.complete(.failure(FetchError(.shutDown, url: transfer.request.url, "fetcher is shut down")))
        }
        running.removeAll()
        lock.lock()
        let late = submitted
        submitted.removeAll()
        cancelled.removeAll()
        multiClosed = true
        lock.unlock()
        for transfer in late {
            transfer.complete(.failure(FetchError(.shutDown, url: transfer.request.url, "fetcher is shut down")))
        }
        curl_multi_cleanup(multi)
        lock.lock()
        threadExited = true
        lock.broadcast()
        lock.unlock()
    }
}
