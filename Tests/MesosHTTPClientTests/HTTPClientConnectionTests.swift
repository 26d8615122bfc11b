import Testing
@testable import MesosHTTPClient

@Suite(.timeLimit(.minutes(1))) struct HTTPClientConnectionTests {
    @Test func sequentialRequestsReuseOneKeepAliveConnection() async throws {
        try await withServerAndClient { server, client in
            var serverSeenPorts: [String] = []
            var metrics: [HTTPTransferMetrics] = []
            for _ in 0..<4 {
                let response = try await client.execute(HTTPRequest(url: server.url("/peer")))
                serverSeenPorts.append(response.bodyText)
                metrics.append(response.metrics)
            }
            #expect(Set(serverSeenPorts).count == 1, "the server saw one client port: \(serverSeenPorts)")
            #expect(metrics.map(\.newConnectionCount) == [1, 0, 0, 0])
            #expect(metrics.dropFirst().allSatisfy { $0.reusedConnection })
            #expect(metrics.first?.localPort.map(String.init) == serverSeenPorts.first)
            #expect(metrics.first?.remotePort == server.port)
            #expect(metrics.first?.remoteAddress == "127.0.0.1")
        }
    }

    @Test func fiftyConcurrentRequestsComplete() async throws {
        try await withServerAndClient { server, client in
            let bodies = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let response = try await client.execute(HTTPRequest(
                            method: .post, url: server.url("/echo"), body: "request \(index)".bytes))
                        #expect(response.status == 200)
                        return (index, response.body)
                    }
                }
                var bodies: [Int: [UInt8]] = [:]
                for try await (index, body) in group {
                    bodies[index] = body
                }
                return bodies
            }
            #expect(bodies.count == 50)
            #expect((0..<50).allSatisfy { bodies[$0] == "request \($0)".bytes })
        }
    }

    /// The loop reuses finished transfers' easy handles: nothing a request set (method, body,
    /// headers, credentials, no-body for HEAD, a timeout) may carry over to the next one.
    @Test func aReusedHandleCarriesNothingOfTheRequestBefore() async throws {
        try await withServerAndClient { server, client in
            for _ in 0..<3 {
                let post = try await client.execute(HTTPRequest(
                    method: .post, url: server.url("/echo"),
                    headers: HTTPHeaders([("Content-Type", "application/json"), ("X-Test", "one")]), body: "{}".bytes,
                    timeout: .seconds(30), basicAuthentication: BasicAuthentication(username: "user", password: "secret")))
                #expect(post.headers["X-Method"] == "POST")
                #expect(post.body == "{}".bytes)
                let get = try await client.execute(HTTPRequest(url: server.url("/echo")))
                #expect(get.headers["X-Method"] == "GET")
                #expect(get.headers["X-Seen-Test"] == "")
                #expect(get.headers["X-Seen-Content-Type"] == "none")
                #expect(get.body.isEmpty)
                let authorized = try await client.execute(HTTPRequest(
                    url: server.url("/auth"), basicAuthentication: BasicAuthentication(username: "user", password: "secret")))
                #expect(authorized.status == 200)
                #expect(try await client.execute(HTTPRequest(url: server.url("/auth"))).status == 401)
                let delete = try await client.execute(HTTPRequest(method: .delete, url: server.url("/echo")))
                #expect(delete.headers["X-Method"] == "DELETE")
                let head = try await client.execute(HTTPRequest(method: .head, url: server.url("/echo")))
                #expect(head.headers["X-Method"] == "HEAD")
                let big = try await client.execute(HTTPRequest(url: server.url("/big/1000")))
                #expect(big.body.count == 1000, "a GET after a HEAD reads the body")
                await #expect(throws: HTTPClientError.self) {
                    try await client.execute(HTTPRequest(url: server.url("/slow"), timeout: .milliseconds(200)))
                }
            }
            let slow = try await client.execute(HTTPRequest(url: server.url("/slow")))
            #expect(slow.bodyText == "late", "the 200 ms timeout of a request before does not apply")
        }
    }

    @Test func connectionsPerHostCanBeLimited() async throws {
        let configuration = HTTPClientConfiguration(maximumConnectionsPerHost: 2)
        try await withServerAndClient(configuration: configuration) { server, client in
            let ports = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await client.execute(HTTPRequest(url: server.url("/peer"))).bodyText }
                }
                var ports: Set<String> = []
                for try await port in group {
                    ports.insert(port)
                }
                return ports
            }
            #expect(ports.count <= 2)
        }
    }
}

extension HTTPClientConnectionTests {
    /// One client holding hundreds of open streams (an agent fleet or many subscriptions) still
    /// completes other requests, and every stream gets its later chunks: the loop waits on the
    /// sockets libcurl names, whichever of them is ready.
    @Test func hundredsOfOpenStreamsAndRequestsAtOnce() async throws {
        let streams = 300
        try await withServerAndClient { server, client in
            var open: [HTTPStreamingResponse] = []
            for _ in 0..<streams {
                open.append(try await client.stream(HTTPRequest(url: server.url("/stream"))))
            }
            var iterators = open.map { $0.body.makeAsyncIterator() }
            for index in iterators.indices {
                #expect(try await iterators[index].next() == "first;".bytes)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let response = try await client.execute(HTTPRequest(method: .post, url: server.url("/echo"), body: "r\(index)".bytes))
                        #expect(response.body == "r\(index)".bytes)
                    }
                }
                try await group.waitForAll()
            }
            server.probe.streamGate.open()
            for index in iterators.indices {
                var rest: [UInt8] = []
                while let chunk = try await iterators[index].next() { rest += chunk }
                #expect(rest == "second;third".bytes, "stream \(index)")
            }
        }
    }
}
