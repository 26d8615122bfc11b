import MesosScheduler
import Testing

@Suite struct MasterURLTests {
    @Test func hostAndPort() throws {
        #expect(try MasterURL(parsing: "10.0.0.5:5050") == .endpoints([MasterEndpoint(host: "10.0.0.5", port: 5050)]))
        #expect(try MasterURL(parsing: "master.example") == .endpoints([MasterEndpoint(host: "master.example", port: 5050)]))
    }

    @Test func commaListKeepsOrderAndDropsDuplicates() throws {
        let url = try MasterURL(parsing: "a:5050, b:5051,a:5050")
        #expect(url == .endpoints([MasterEndpoint(host: "a", port: 5050), MasterEndpoint(host: "b", port: 5051)]))
    }

    @Test func httpAndHTTPSURLs() throws {
        let endpoint = try MasterEndpoint(parsing: "https://m1:8443/some/path")
        #expect(endpoint == MasterEndpoint(scheme: "https", host: "m1", port: 8443))
        #expect(endpoint.schedulerURL == "https://m1:8443/api/v1/scheduler")
        #expect(try MasterEndpoint(parsing: "https://m1").port == 443)
        #expect(try MasterEndpoint(parsing: "HTTP://m1:1/").scheme == "http")
    }

    @Test func ipv6() throws {
        let endpoint = try MasterEndpoint(parsing: "[::1]:5050")
        #expect(endpoint.host == "::1")
        #expect(endpoint.schedulerURL == "http://[::1]:5050/api/v1/scheduler")
    }

    @Test func zooKeeperURL() throws {
        guard case .zooKeeper(let url, let scheme) = try MasterURL(parsing: "zk://z1:2181,z2:2181/mesos") else {
            Issue.record("not a ZooKeeper URL")
            return
        }
        #expect(url.servers == ["z1:2181", "z2:2181"])
        #expect(url.path == "/mesos")
        #expect(scheme == "http")
    }

    @Test(arguments: ["", "  ", "ftp://m:1", "m:0", "m:70000", "m:abc", "zk://", "zk://z1:2181", "a,,b",
                      "file:///etc/mesos/master", "user:pw@m:5050", "[::1:5050", "m a:5050"])
    func badURLsFailWithAReason(text: String) {
        #expect {
            try MasterURL(parsing: text)
        } throws: { error in
            guard case .invalidMasterURL(let url, let reason)? = error as? SchedulerError else { return false }
            return url == text && !reason.isEmpty && "\(error)".contains("Use host:port")
        }
    }

    @Test func protocolRelativeRedirectKeepsTheScheme() throws {
        let endpoint = MasterEndpoint(scheme: "https", host: "m1", port: 5050)
        #expect(endpoint.redirected(to: "//m2:5051/api/v1/scheduler") == MasterEndpoint(scheme: "https", host: "m2", port: 5051))
        #expect(endpoint.redirected(to: "http://m3:7/x") == MasterEndpoint(scheme: "http", host: "m3", port: 7))
        #expect(endpoint.redirected(to: "//m4") == MasterEndpoint(scheme: "https", host: "m4", port: 5050))
        #expect(endpoint.redirected(to: "/api/v1/scheduler") == nil)
        #expect(endpoint.redirected(to: "ftp://m5:1") == nil)
        #expect(endpoint.redirected(to: "//:5") == nil)
    }
}
