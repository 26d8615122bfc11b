/// The status line and headers of a response, known before its body.
struct ResponseHead: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var metrics: HTTPTransferMetrics
}
