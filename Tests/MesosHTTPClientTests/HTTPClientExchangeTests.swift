import Testing
@testable import MesosHTTPClient

@Suite(.timeLimit(.minutes(1))) struct HTTPClientExchangeTests {
    @Test func getSendsHeadersAndReadsResponse() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.execute(HTTPRequest(
                url: server.url("/echo"),
                headers: HTTPHeaders([("X-Test", "one"), ("x-test", "two")])
            ))
            #expect(response.status == 200)
            #expect(response.headers["x-method"] == "GET")
            #expect(response.headers["X-SEEN-TEST"] == "one,two")
            #expect(response.body.isEmpty)
        }
    }

    @Test func postEchoesBodyAndContentType() async throws {
        try await withServerAndClient { server, client in
            let payload = #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"t"}}}"#.bytes
            let response = try await client.execute(HTTPRequest(
                method: .post,
                url: server.url("/echo"),
                headers: ["Content-Type": "application/json"],
                body: payload
            ))
            #expect(response.status == 200)
            #expect(response.headers["X-Method"] == "POST")
            #expect(response.headers["X-Seen-Content-Type"] == "application/json")
            #expect(response.body == payload)
        }
    }

    @Test func postWithoutContentTypeDoesNotClaimAForm() async throws {
        try await withServerAndClient { server, client in
            let binary: [UInt8] = [0, 1, 2, 255, 10, 13, 0]
            let response = try await client.execute(HTTPRequest(method: .post, url: server.url("/echo"), body: binary))
            #expect(response.headers["X-Seen-Content-Type"] == "none")
            #expect(response.body == binary)
            let empty = try await client.execute(HTTPRequest(method: .post, url: server.url("/echo")))
            #expect(empty.status == 200)
            #expect(empty.body.isEmpty)
        }
    }

    @Test func largeBodyIsSentWithoutExpectContinue() async throws {
        try await withServerAndClient { server, client in
            let payload = (0..<300_000).map { UInt8($0 % 253) }
            let response = try await client.execute(HTTPRequest(method: .post, url: server.url("/echo"), body: payload))
            #expect(response.body == payload)
            // curl adds `Expect: 100-continue` to large bodies by default and then waits up to 1 s
            // for an answer that Mesos-style servers never send: the client must not ask for it.
            #expect(response.headers["X-Seen-Expect"] == "none")
        }
    }

    /// `execute` holds the response head back until the body is complete; a body larger than the
    /// stream buffer fills it first, and then the head must go out so that the buffer drains.
    @Test func aCompleteResponseLargerThanTheStreamBufferArrives() async throws {
        let configuration = HTTPClientConfiguration(streamBufferLimit: 16 * 1024)
        try await withServerAndClient(configuration: configuration) { server, client in
            for size in [0, 1, 16 * 1024, 1_000_000] {
                let response = try await client.execute(HTTPRequest(url: server.url("/big/\(size)")))
                #expect(response.status == 200)
                #expect(response.body.count == size)
                #expect(response.body.allSatisfy { $0 == UInt8(ascii: "a") })
            }
            let chunked = try await client.execute(HTTPRequest(url: server.url("/big-chunked/300000")))
            #expect(chunked.body.count == 300_000)
        }
    }

    @Test func otherMethodsAreSentAsIs() async throws {
        try await withServerAndClient { server, client in
            let put = try await client.execute(HTTPRequest(method: .put, url: server.url("/echo"), body: "data".bytes))
            #expect(put.headers["X-Method"] == "PUT")
            #expect(put.body == "data".bytes)
            let delete = try await client.execute(HTTPRequest(method: .delete, url: server.url("/echo")))
            #expect(delete.headers["X-Method"] == "DELETE")
            let head = try await client.execute(HTTPRequest(method: .head, url: server.url("/echo")))
            #expect(head.status == 200)
            #expect(head.headers["X-Method"] == "HEAD")
            #expect(head.body.isEmpty)
        }
    }

    @Test(arguments: [404, 503, 400, 500])
    func nonSuccessStatusCodesAreReturnedNotThrown(status: Int) async throws {
        try await withServerAndClient { server, client in
            let response = try await client.execute(HTTPRequest(url: server.url("/status/\(status)")))
            #expect(response.status == status)
            #expect(response.bodyText == "status \(status)")
        }
    }

    @Test func unknownRouteIs404() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.execute(HTTPRequest(url: server.url("/no/such/route")))
            #expect(response.status == 404)
        }
    }

    @Test func redirectIsNotFollowedAndLocationIsReadable() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.execute(HTTPRequest(url: server.url("/redirect")))
            #expect(response.status == 307)
            #expect(response.location == "//127.0.0.1:\(server.port)/echo")
            #expect(response.headers["X-Method"] == nil, "the redirect target was not requested")
        }
    }

    @Test func basicAuthenticationIsSent() async throws {
        try await withServerAndClient { server, client in
            let anonymous = try await client.execute(HTTPRequest(url: server.url("/auth")))
            #expect(anonymous.status == 401)
            let wrong = try await client.execute(HTTPRequest(
                url: server.url("/auth"), basicAuthentication: BasicAuthentication(username: "user", password: "guess")))
            #expect(wrong.status == 401)
            let authorized = try await client.execute(HTTPRequest(
                url: server.url("/auth"), basicAuthentication: BasicAuthentication(username: "user", password: "secret")))
            #expect(authorized.status == 200)
            #expect(authorized.bodyText == "welcome")
        }
    }
}
