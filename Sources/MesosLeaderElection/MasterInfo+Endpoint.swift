import MesosModel

extension MasterInfo {
    /// `host:port` where the master's HTTP API is reached, as Mesos clients find it: `address`
    /// (ip, else hostname) first, then the libprocess `pid` (`master@10.0.0.1:5050`), then the
    /// deprecated packed `ip`/`port`.
    public var endpoint: String? {
        if let address, address.port > 0 {
            let port = address.port
            if let ip = address.ip, !ip.isEmpty { return "\(ip):\(port)" }
            if let hostname = address.hostname, !hostname.isEmpty { return "\(hostname):\(port)" }
        }
        if let pid, let at = pid.firstIndex(of: "@") {
            let hostPort = pid[pid.index(after: at)...]
            if hostPort.contains(":") { return String(hostPort) }
        }
        if ip != 0, port > 0 { return "\(PackedIPv4.unpack(ip)):\(port)" }
        return nil
    }
}
