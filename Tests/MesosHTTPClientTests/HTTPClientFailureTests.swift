import Testing
@testable import MesosHTTPClient

@Suite(.timeLimit(.minutes(1))) struct HTTPClientFailureTests {
    @Test func timesOutAgainstSlowEndpoint() async throws {
        try await withServerAndClient { server, client in
            let url = server.url("/slow")
            // The server answers after 5 s: a timeout error means the 300 ms timeout ended the
            // request (a later limit would have let the answer through). No bound on the elapsed
            // time: on a machine loaded by the whole suite the awaiting task may resume late.
            await #expect(throws: HTTPClientError.timedOut(url: url)) {
                try await client.execute(HTTPRequest(url: url, timeout: .milliseconds(300)))
            }
        }
    }

    @Test func connectionRefusedOnClosedPort() async throws {
        let closedPort = try await TestServer.with { server in server.port }  // the server is stopped now
        let client = try HTTPClient(logger: quietLogger)
        await #expect(throws: HTTPClientError.couldNotConnect(host: "127.0.0.1", port: closedPort)) {
            try await client.execute(HTTPRequest(url: "http://127.0.0.1:\(closedPort)/echo"))
        }
        await client.shutdown()
    }

    @Test(arguments: ["ftp://127.0.0.1/file", "not a url", "http://", "/relative/path", "//127.0.0.1:5050/api/v1"])
    func invalidURLsAreRefusedBeforeSending(url: String) async throws {
        let client = try HTTPClient(logger: quietLogger)
        await #expect {
            try await client.execute(HTTPRequest(url: url))
        } throws: { error in
            guard case .invalidURL(let reported, _) = error as? HTTPClientError else { return false }
            return reported == url
        }
        await client.shutdown()
    }

    @Test func headerInjectionIsRefused() async throws {
        let client = try HTTPClient(logger: quietLogger)
        await #expect {
            try await client.execute(HTTPRequest(url: "http://127.0.0.1:1/", headers: ["X-Test": "a\r\nInjected: yes"]))
        } throws: { error in
            guard case .invalidRequest(let reason) = error as? HTTPClientError else { return false }
            return reason.contains("X-Test")
        }
        await client.shutdown()
    }

    @Test func bodySizeLimitIsEnforced() async throws {
        let configuration = HTTPClientConfiguration(maximumBodySize: 10_000)
        try await withServerAndClient(configuration: configuration) { server, client in
            let exact = try await client.execute(HTTPRequest(url: server.url("/big/10000")))
            #expect(exact.body.count == 10_000)
            await #expect(throws: HTTPClientError.bodyTooLarge(limit: 10_000)) {
                try await client.execute(HTTPRequest(url: server.url("/big/10001")))
            }
            // Without Content-Length the limit is enforced while reading.
            await #expect(throws: HTTPClientError.bodyTooLarge(limit: 10_000)) {
                try await client.execute(HTTPRequest(url: server.url("/big-chunked/50000")))
            }
            #expect(try await client.execute(HTTPRequest(url: server.url("/big-chunked/9000"))).body.count == 9000)
        }
    }

    @Test func headerSizeLimitIsEnforced() async throws {
        try await withServerAndClient(configuration: HTTPClientConfiguration(maximumHeaderBytes: 16 * 1024)) { server, client in
            await #expect(throws: HTTPClientError.headersTooLarge(limit: 16 * 1024)) {
                try await client.execute(HTTPRequest(url: server.url("/huge-headers")))
            }
            let afterwards = try await client.execute(HTTPRequest(url: server.url("/echo")))
            #expect(afterwards.status == 200)
        }
    }

    @Test func shutdownFailsRunningAndLaterRequests() async throws {
        try await TestServer.with { server in
            let client = try HTTPClient(logger: quietLogger)
            let response = try await client.stream(HTTPRequest(url: server.url("/endless")))
            var iterator = response.body.makeAsyncIterator()
            #expect(try await iterator.next() != nil)
            await client.shutdown()
            await #expect(throws: HTTPClientError.shutDown) {
                while try await iterator.next() != nil {}
            }
            await #expect(throws: HTTPClientError.shutDown) {
                try await client.execute(HTTPRequest(url: server.url("/echo")))
            }
            await client.shutdown()  // idempotent
        }
    }

    @Test func errorMessagesTellWhatToDo() {
        #expect(HTTPClientError.couldNotConnect(host: "m1", port: 5050).description.contains("m1:5050"))
        #expect(HTTPClientError.bodyTooLarge(limit: 10).description.contains("maximumBodySize"))
        #expect(HTTPClientError.timedOut(url: "http://m1/").description.contains("timeout"))
    }
}
