import Testing
@testable import MesosHTTPClient

@Suite struct RequestPreparationTests {
    @Test func headersAreCaseInsensitiveAndMultiValued() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-A": "1"]
        headers.add(name: "x-a", value: "2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        headers.replaceOrAdd(name: "X-A", value: "3")
        #expect(headers.values(for: "x-a") == ["3"])
        headers.remove(name: "CONTENT-TYPE")
        #expect(!headers.contains("Content-Type"))
        #expect(headers.count == 1)
    }

    @Test func targetsUseSchemeDefaultPorts() throws {
        #expect(try RequestTarget(parsing: "http://m1/api/v1").port == 80)
        #expect(try RequestTarget(parsing: "https://m1/api/v1").port == 443)
        let explicit = try RequestTarget(parsing: "http://10.0.0.1:5050/api/v1/scheduler")
        #expect(explicit.host == "10.0.0.1" && explicit.port == 5050 && explicit.scheme == "http")
    }

    @Test func overlongURLIsRefused() {
        #expect(throws: HTTPClientError.self) {
            try RequestTarget(parsing: "http://m1/" + String(repeating: "a", count: RequestTarget.maximumURLLength))
        }
    }

    @Test func headerLinesSuppressLibcurlDefaults() throws {
        let request = HTTPRequest(method: .post, url: "http://m1:5050/api/v1", headers: ["Accept": "application/json", "X-Empty": ""],
                                  body: [1])
        let prepared = try PreparedRequest(request, timeout: .seconds(2), maximumBodySize: nil, configuration: HTTPClientConfiguration())
        #expect(prepared.headerLines == ["Accept: application/json", "X-Empty;", "Expect:", "Content-Type:"])
        #expect(prepared.timeoutMilliseconds == 2000)
        #expect(prepared.connectTimeoutMilliseconds == 10_000)
    }

    @Test func userContentTypeIsKept() throws {
        let request = HTTPRequest(method: .post, url: "http://m1/", headers: ["Content-Type": "application/x-protobuf"])
        let prepared = try PreparedRequest(request, timeout: nil, maximumBodySize: nil, configuration: HTTPClientConfiguration())
        #expect(prepared.headerLines == ["Content-Type: application/x-protobuf", "Expect:"])
        #expect(prepared.timeoutMilliseconds == nil)
    }

    @Test(arguments: [
        HTTPRequest(url: "http://m1/", headers: ["Bad Name": "x"]),
        HTTPRequest(url: "http://m1/", headers: ["X": "a\nb"]),
        HTTPRequest(url: "http://m1/", headers: ["Content-Length": "5"]),
        HTTPRequest(method: HTTPMethod(rawValue: "GET /x"), url: "http://m1/"),
        HTTPRequest(url: "http://m1/", timeout: .zero),
        HTTPRequest(url: "http://m1/", connectTimeout: .seconds(-1)),
    ])
    func malformedRequestsAreRefused(request: HTTPRequest) {
        #expect {
            try PreparedRequest(request, timeout: request.timeout, maximumBodySize: nil, configuration: HTTPClientConfiguration())
        } throws: { error in
            guard case .invalidRequest = error as? HTTPClientError else { return false }
            return true
        }
    }

    @Test func credentialsAreRedactedInDescriptions() {
        #expect(!"\(BasicAuthentication(username: "u", password: "hunter2"))".contains("hunter2"))
    }
}
